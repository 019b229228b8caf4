package io.siban.webhook.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A subscription as listed: never its secret. */
@Schema(name = "Webhook")
public record WebhookView(UUID id, String url, List<String> events, String hall, OffsetDateTime createdAt) {
}
