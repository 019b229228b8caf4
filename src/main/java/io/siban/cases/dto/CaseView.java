package io.siban.cases.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.siban.cases.CaseChannel;
import io.siban.cases.CaseState;
import io.siban.catalog.Category;
import io.siban.queue.dto.TicketView;
import io.siban.sla.deadline.SlaCard;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Case")
public record CaseView(UUID id,
                       @Schema(example = "LZCITY20261130-7KQ4M") String caseNumber,
                       @Schema(description = "only in the answer that creates the case", example = "483920") String verificationCode,
                       CaseState state,
                       @Schema(description = "send as If-Match to change the case", example = "3") int version,
                       @Schema(example = "SC-005") String itemCode,
                       @Schema(example = "食品经营许可") String itemName,
                       @Schema(example = "市场监管局") String department,
                       Category category,
                       @Schema(example = "lz-city") String hall,
                       CaseChannel channel,
                       @Schema(description = "physical visits (最多跑一次)", example = "1") int visits,
                       List<String> submittedDocuments,
                       List<String> missingDocuments,
                       @Schema(description = "supplement requests that named a document the first list did not", example = "0")
                       int oneTimeNoticeViolations,
                       TicketView.ApplicantView applicant,
                       OffsetDateTime createdAt,
                       OffsetDateTime acceptedAt,
                       OffsetDateTime closedAt,
                       Sla sla) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CaseSla")
    public record Sla(OffsetDateTime committedDue, OffsetDateTime statutoryDue, OffsetDateTime yellowFrom, SlaCard card,
                      @Schema(description = "working seconds to the committed due; negative when overdue", example = "86400")
                      Long remainingWorkingSeconds, boolean paused, Long pausedWorkingSeconds,
                      @Schema(description = "PROXY: due of the local pre-review stage") OffsetDateTime localStageDue,
                      @Schema(description = "PROXY: the local stage ran over its own limit") Boolean localStageOverrun,
                      @Schema(description = "PROXY: working seconds spent upstream, forwarded until returned (or now)")
                      Long upstreamWorkingSeconds,
                      List<PauseView> pauses,
                      @Schema(description = "the span from acceptance to the last due touches a year whose holidays are provisional "
                              + "(no notice yet); re-timed when the year is loaded", example = "false") boolean provisional,
                      @Schema(description = "those years", example = "[2027]") List<Integer> provisionalYears) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CasePause")
    public record PauseView(@Schema(example = "SUPPLEMENT") String kind, @Schema(example = "SITE_INSPECTION") String procedure,
                            String reason, OffsetDateTime from, OffsetDateTime to,
                            @Schema(description = "a procedure's own limit") io.siban.catalog.Limit limit,
                            @Schema(description = "when that limit runs out") OffsetDateTime due,
                            @Schema(description = "the procedure ran (or runs) past its own limit") Boolean overrun) {
        public PauseView(String kind, String procedure, String reason, OffsetDateTime from, OffsetDateTime to) {
            this(kind, procedure, reason, from, to, null, null, null);
        }
    }
}
