package io.siban.webhook.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;

/** One line of a subscription's delivery log. */
@Schema(name = "WebhookDelivery")
public record DeliveryView(long id,
                           @Schema(description = "the webhook-id header and the body's id, the same on every attempt") String webhookId,
                           long eventId, String eventType, String hall,
                           @Schema(description = "PENDING, DELIVERED, FAILED (an attempt failed, retrying) or DEAD (given up; redeliver by hand)")
                           String status,
                           int attempts, OffsetDateTime createdAt, OffsetDateTime lastAttemptAt, OffsetDateTime nextAttemptAt,
                           @Schema(description = "HTTP status of the last answer") Integer lastStatus,
                           @Schema(description = "what went wrong last: at most 500 characters, the start of the answer at most") String lastError,
                           OffsetDateTime deliveredAt) {
}
