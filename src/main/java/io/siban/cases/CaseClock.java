package io.siban.cases;

import io.siban.catalog.Category;
import io.siban.catalog.Limit;
import io.siban.sla.deadline.DeadlineCalculator;
import io.siban.sla.deadline.DeadlineLimit;
import io.siban.sla.deadline.DeadlineResult;
import io.siban.sla.deadline.DeadlineRule;
import io.siban.sla.deadline.Pause;
import io.siban.sla.deadline.SlaCard;
import io.siban.sla.deadline.SlaCards;
import io.siban.sla.calendar.WorkingCalendar;
import io.siban.sla.deadline.YellowThreshold;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The SLA clock of one case, from its item's limits (copied at creation) and its pauses, with the
 * deadline engine. Pure: the same inputs always give the same answer.
 *
 * <ul>
 *   <li>Committed due: IMMEDIATE adds its working-time limit to the acceptance; SAME_DAY is the same
 *       local time on the next working day; TIME_LIMITED and PROXY close of business on the N-th
 *       working day after the acceptance day. Statutory due: working days → close of business on the
 *       N-th working day; a duration → working time.</li>
 *   <li>Pauses (补正, special procedures) move both dues by the working time inside them; a running
 *       pause counts up to now, so the dues keep moving while it runs.</li>
 *   <li>The card and remaining working time are read at the close for a closed case, otherwise now;
 *       while a pause runs they stand still, because the dues move with it.</li>
 * </ul>
 */
public final class CaseClock {
    static final Duration IMMEDIATE_YELLOW = Duration.ofMinutes(10);

    private CaseClock() {
    }

    /** What the clock says. {@code remainingWorkingSeconds} is negative once overdue. */
    public record Reading(Instant committedDue, Instant statutoryDue, Instant yellowFrom, Instant localStageDue,
                          SlaCard card, long remainingWorkingSeconds, boolean paused, boolean localStageOverrun,
                          long pausedWorkingSeconds) {
    }

    public record Terms(Category category, Limit committed, Limit statutory, Integer localStageDays, Duration warningThreshold) {
    }

    public static Reading read(WorkingCalendar calendar, Terms terms, Instant acceptedAt, List<Pause> pauses,
                               Instant forwardedAt, Instant closedAt, Instant now) {
        Instant runningPause = pauses.stream().filter(p -> p.to() == null).map(Pause::from).findFirst().orElse(null);
        Instant clockNow = closedAt != null ? closedAt : now;
        DeadlineResult committed = DeadlineCalculator.compute(calendar, acceptedAt, rule(terms.category(), terms.committed(), true),
                limit(terms.committed()), pauses, clockNow);
        Instant statutoryDue = terms.statutory() == null ? null
                : DeadlineCalculator.compute(calendar, acceptedAt, rule(terms.category(), terms.statutory(), false),
                limit(terms.statutory()), pauses, clockNow).due();
        // while a pause runs the dues move with now, so remaining working time and card stand still
        Instant at = clockNow;
        YellowThreshold threshold = threshold(terms);
        SlaCard card = SlaCards.evaluate(calendar, at, committed.due(), statutoryDue, threshold);
        Instant yellowFrom = SlaCards.yellowFrom(calendar, committed.due(), threshold);
        long remaining = DeadlineCalculator.remainingWorkingSeconds(calendar, at, committed.due());

        Instant localDue = null;
        boolean overrun = false;
        if (terms.category() == Category.PROXY && terms.localStageDays() != null) {
            Instant localEnd = forwardedAt != null ? forwardedAt : at;
            localDue = DeadlineCalculator.compute(calendar, acceptedAt, DeadlineRule.END_OF_NTH_WORKING_DAY,
                    DeadlineLimit.workingDays(terms.localStageDays()), pauses, clockNow).due();
            overrun = localEnd.isAfter(localDue);
        }
        return new Reading(committed.due(), statutoryDue, yellowFrom, localDue, card, remaining, runningPause != null && closedAt == null,
                overrun, committed.pausedWorkingSeconds());
    }

    static DeadlineRule rule(Category category, Limit limit, boolean committed) {
        if (!limit.isDays()) {
            return DeadlineRule.WORKING_TIME;
        }
        return committed && category == Category.SAME_DAY ? DeadlineRule.WORKING_DAYS_SAME_TIME : DeadlineRule.END_OF_NTH_WORKING_DAY;
    }

    static DeadlineLimit limit(Limit limit) {
        return limit.isDays() ? DeadlineLimit.workingDays(limit.workingDays()) : DeadlineLimit.workingTime(limit.duration());
    }

    /** DOMAIN defaults: 1 working day for TIME_LIMITED and PROXY, 2 working hours for SAME_DAY; the item may set its own. */
    static YellowThreshold threshold(Terms terms) {
        if (terms.warningThreshold() != null) {
            return YellowThreshold.workingTime(terms.warningThreshold());
        }
        return switch (terms.category()) {
            case IMMEDIATE -> YellowThreshold.workingTime(IMMEDIATE_YELLOW);
            case SAME_DAY -> YellowThreshold.TWO_WORKING_HOURS;
            case TIME_LIMITED, PROXY -> YellowThreshold.ONE_WORKING_DAY;
        };
    }
}
