package io.siban.sla.deadline;

import java.time.Instant;

/**
 * A computed deadline.
 *
 * @param due                   the due instant, moved later by the paused working time; always inside
 *                              office hours or exactly at a closing time
 * @param workingSecondsBudget  working seconds from the effective start (the first office-hours
 *                              instant at or after the start) to the nominal due, i.e. without pauses
 * @param pausedWorkingSeconds  working seconds inside the pauses that moved the due
 */
public record DeadlineResult(Instant due, long workingSecondsBudget, long pausedWorkingSeconds) {
}
