package io.siban.sla.deadline;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/** The public deadline calculator: the same arithmetic the cases use. */
public final class DeadlinePreview {
    private DeadlinePreview() {
    }

    @Schema(name = "DeadlineRequest", example = """
            {"start": "2026-09-30T10:00:00+08:00", "workingDays": 5, "rule": "END_OF_NTH_WORKING_DAY",
             "pauses": [{"from": "2026-10-12T09:00:00+08:00", "to": "2026-10-13T09:00:00+08:00"}]}""")
    public record Request(@Schema(required = true, example = "2026-09-30T10:00:00+08:00") OffsetDateTime start,
                          @Schema(description = "working time, for WORKING_TIME", example = "PT30M", implementation = String.class)
                          Duration duration,
                          @Schema(description = "working days, for the two day rules", example = "5") Integer workingDays,
                          @Schema(required = true) DeadlineRule rule,
                          List<PauseInterval> pauses) {
    }

    @Schema(name = "PauseInterval")
    public record PauseInterval(@Schema(example = "2026-10-12T09:00:00+08:00") OffsetDateTime from,
                                @Schema(example = "2026-10-13T09:00:00+08:00") OffsetDateTime to) {
    }

    @Schema(name = "DeadlineResponse")
    public record Response(@Schema(example = "2026-10-14T17:00:00+08:00") OffsetDateTime due,
                           @Schema(example = "133200") long workingSecondsBudget,
                           @Schema(example = "25200") long pausedWorkingSeconds,
                           @Schema(description = "the span from start to due touches a year whose holidays are provisional "
                                   + "(the law's days, no notice yet); re-computed when the year is loaded", example = "false")
                           boolean provisional,
                           @Schema(description = "those years", example = "[]") List<Integer> provisionalYears) {
    }
}
