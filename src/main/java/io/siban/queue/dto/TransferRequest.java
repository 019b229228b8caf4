package io.siban.queue.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "TransferRequest", description = "Give queueCode, windowNumber or both; the ticket keeps its arrival time")
public record TransferRequest(@Schema(example = "B") String queueCode, @Schema(example = "9") Integer windowNumber) {
}
