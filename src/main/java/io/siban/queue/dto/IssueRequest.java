package io.siban.queue.dto;

import io.siban.queue.Channel;
import io.siban.queue.Priority;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "IssueTicketRequest", description = "Give itemCode (the item's queue is used) or queueCode")
public record IssueRequest(@Schema(example = "SC-001") String itemCode,
                           @Schema(example = "A") String queueCode,
                           @Schema(example = "KIOSK", required = true) Channel channel,
                           @Schema(example = "NORMAL", defaultValue = "NORMAL") Priority priority,
                           @Schema(description = "the old name of appointmentCode, still accepted", deprecated = true) String appointmentId,
                           Applicant applicant,
                           @Schema(description = "the booking code, for an APPOINTMENT check-in (typed or scanned at the kiosk)",
                                   example = "K7P3X9QM") String appointmentCode) {

    @Schema(name = "Applicant", description = "Stored protected; every response shows it masked")
    public record Applicant(@Schema(example = "张三") String name,
                            @Schema(example = "620102199001011233") String idNumber,
                            @Schema(example = "13812345678") String phone) {
    }
}
