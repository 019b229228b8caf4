package io.siban.queue.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.siban.queue.Channel;
import io.siban.queue.Outcome;
import io.siban.queue.Priority;
import io.siban.queue.TicketStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Ticket")
public record TicketView(UUID id,
                         @Schema(example = "A023") String number,
                         @Schema(example = "lz-city") String hall,
                         @Schema(example = "A") String queue,
                         TicketStatus status,
                         Priority priority,
                         Channel channel,
                         @Schema(example = "SC-001") String itemCode,
                         @Schema(description = "place in line, 1 = next; only while waiting", example = "4") Integer position,
                         EstimatedWait estimatedWait,
                         OffsetDateTime issuedAt,
                         @Schema(description = "the window that called it", example = "3") Integer window,
                         @Schema(description = "window it was transferred to, while waiting") Integer targetWindow,
                         OffsetDateTime calledAt,
                         @Schema(description = "why call-next chose this ticket: fifo, priority, aged, transfer", example = "fifo")
                         String reason,
                         @Schema(example = "A023 (NORMAL) waited longest in A") String reasonDetail,
                         Integer recalls,
                         OffsetDateTime startedAt,
                         OffsetDateTime finishedAt,
                         Outcome outcome,
                         UUID caseId,
                         List<String> missingDocuments,
                         Integer rating,
                         ApplicantView applicant,
                         @Schema(description = "the citizen's secret for this ticket (cancel, reactivate, rate); only in the issue answer",
                                 example = "q3Jx0v8mQbqk1cXbUo0n7A") String accessKey,
                         @Schema(description = "the citizen's tracker page, with the key: the printed ticket's QR link; only in the issue answer",
                                 example = "/t/6f1c2e0a-3b4d-4c5e-8f9a-0b1c2d3e4f50?key=q3Jx0v8mQbqk1cXbUo0n7A") String trackUrl) {

    /** The same ticket with the citizen's key and tracker link, for the answer that issues it. */
    public TicketView withAccess(String key) {
        return new TicketView(id, number, hall, queue, status, priority, channel, itemCode, position, estimatedWait, issuedAt,
                window, targetWindow, calledAt, reason, reasonDetail, recalls, startedAt, finishedAt, outcome, caseId,
                missingDocuments, rating, applicant, key, "/t/" + id + "?key=" + key);
    }

    @Schema(name = "EstimatedWait", description = "P50 and P90 of the wait until called, from live service rates")
    public record EstimatedWait(@Schema(implementation = String.class, example = "PT6M") Duration p50,
                                @Schema(implementation = String.class, example = "PT14M") Duration p90) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ApplicantView", description = "Masked, except for authorised staff")
    public record ApplicantView(@Schema(example = "张*") String name,
                                @Schema(example = "620102********1234") String idNumber,
                                @Schema(example = "138****5678") String phone) {
    }
}
