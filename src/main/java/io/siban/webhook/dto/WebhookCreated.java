package io.siban.webhook.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A new subscription with its signing secret, shown this once. */
@Schema(name = "WebhookCreated")
public record WebhookCreated(UUID id, String url, List<String> events, String hall,
                             @Schema(description = "whsec_ and the base64 of 32 random bytes; the HMAC key is the bytes it encodes. Shown only here.")
                             String secret,
                             OffsetDateTime createdAt) {
}
