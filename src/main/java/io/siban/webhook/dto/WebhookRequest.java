package io.siban.webhook.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A subscription as asked for; checked by the service, which names the field at fault. */
@Schema(name = "WebhookRequest")
public record WebhookRequest(@Schema(example = "http://10.0.8.15:8443/siban/events", description = "http or https; its host must be in siban.webhooks.allowed-networks") String url,
                             @Schema(example = "[\"ticket.issued\", \"ticket.near\", \"ticket.called\"]", description = "event names, or \"*\" for all") List<String> events,
                             @Schema(example = "lz-city", description = "one hall's events; absent for every hall") String hall) {
}
