package io.siban.sla.deadline;

import io.siban.sla.calendar.WorkingCalendar;
import io.siban.sla.calendar.YearTable;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Deadlines of cases: the nominal due from a rule and a limit, moved later by the working time during
 * which the clock was paused.
 *
 * <p>Pause conventions:
 * <ul>
 *   <li>Pauses are merged first: overlapping or touching pauses count once.</li>
 *   <li>A pause is clipped to the start: time before the start moves nothing; so does time outside
 *       office hours (a pause over a night or a weekend moves the due by nothing for those hours).</li>
 *   <li>Pauses are applied in time order against the moving due (a fixed point): a pause that starts
 *       before the current due moves it by all its working time, even the part after the old due —
 *       the clock is stopped, so a case never runs late while paused. A pause that starts at or after
 *       the current due moves nothing (the case was already overdue).</li>
 *   <li>If a pause starts when no working time is left (e.g. in the evening before a due at the next
 *       opening), the due is at least the first office-hours instant at or after the pause's end.</li>
 * </ul>
 * Consequence: {@code workingTimeBetween(effectiveStart, due) == budget + paused}.
 */
public final class DeadlineCalculator {

    private DeadlineCalculator() {
    }

    /**
     * The deadline for a case started at {@code start}; every pause must have ended.
     *
     * @throws IllegalArgumentException when the limit does not fit the rule, or a pause is still running
     */
    public static DeadlineResult compute(WorkingCalendar calendar, Instant start, DeadlineRule rule,
                                         DeadlineLimit limit, List<Pause> pauses) {
        return compute(calendar, start, rule, limit, pauses, null);
    }

    /**
     * The deadline for a case started at {@code start}, with running pauses closed at {@code now}
     * (recompute as time passes: while a pause runs, the due keeps moving).
     *
     * @param now the current instant; may be null only when no pause is running
     * @throws IllegalArgumentException when the limit does not fit the rule, or a pause is running and {@code now} is null
     */
    public static DeadlineResult compute(WorkingCalendar calendar, Instant start, DeadlineRule rule,
                                         DeadlineLimit limit, List<Pause> pauses, Instant now) {
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(pauses, "pauses");
        if (limit.isWorkingTime() != (rule == DeadlineRule.WORKING_TIME)) {
            throw new IllegalArgumentException(rule + " needs " + (rule == DeadlineRule.WORKING_TIME
                    ? "a working-time limit" : "a working-day limit") + ", got " + limit);
        }
        long startSec = start.getEpochSecond();
        Instant nominal = switch (rule) {
            case WORKING_TIME -> calendar.addWorkingTime(start, limit.workingTime());
            case WORKING_DAYS_SAME_TIME -> calendar.sameTimeNthWorkingDay(start, limit.workingDays());
            case END_OF_NTH_WORKING_DAY -> calendar.endOfNthWorkingDay(start, limit.workingDays());
        };
        long due = nominal.getEpochSecond();
        YearTable ref = calendar.tableContaining(startSec);
        long startPos = calendar.position(startSec, ref);
        long duePos = calendar.position(due, ref);
        long budget = duePos - startPos;
        if (pauses.isEmpty()) {
            return new DeadlineResult(nominal, budget, 0);
        }
        long[] froms = new long[pauses.size()];
        long[] tos = new long[pauses.size()];
        int count = merge(pauses, startSec, now, froms, tos);
        long paused = 0;
        // The due instant is only materialised when positions cannot decide (equal positions) and at the end.
        boolean dueKnown = true;
        for (int i = 0; i < count; i++) {
            long fromPos = calendar.position(froms[i], ref);
            if (fromPos > duePos) {
                break;
            }
            if (fromPos == duePos) {
                if (!dueKnown) {
                    due = calendar.instantAtPosition(duePos, ref);
                    dueKnown = true;
                }
                if (froms[i] >= due) {
                    break;
                }
            }
            long worked = calendar.position(tos[i], ref) - fromPos;
            if (worked == 0) {
                continue;
            }
            boolean nothingLeft = fromPos == duePos;
            paused += worked;
            duePos += worked;
            dueKnown = nothingLeft;
            if (nothingLeft) {
                due = Math.max(calendar.instantAtPosition(duePos, ref), calendar.nextOpeningSecond(tos[i]));
            }
        }
        if (!dueKnown) {
            due = calendar.instantAtPosition(duePos, ref);
        }
        return new DeadlineResult(Instant.ofEpochSecond(due), budget, paused);
    }

    /**
     * Signed working seconds from {@code now} to {@code due}: positive while on time, zero at the due,
     * negative once overdue (minus the working seconds elapsed since the due). Pass the pause-adjusted
     * due from {@link #compute} with running pauses closed at {@code now}; then the value stands still
     * while a pause runs.
     */
    public static long remainingWorkingSeconds(WorkingCalendar calendar, Instant now, Instant due) {
        long nowSec = now.getEpochSecond();
        long dueSec = due.getEpochSecond();
        return nowSec <= dueSec
                ? calendar.workingSecondsBetween(nowSec, dueSec)
                : -calendar.workingSecondsBetween(dueSec, nowSec);
    }

    /** Fills {@code froms}/{@code tos} with sorted, merged pause bounds clipped to the start (empty pauses dropped); returns their count. */
    private static int merge(List<Pause> pauses, long startSec, Instant now, long[] froms, long[] tos) {
        int n = 0;
        for (Pause pause : pauses) {
            Instant end = pause.to();
            if (end == null) {
                if (now == null) {
                    throw new IllegalArgumentException("pause from " + pause.from() + " is still running: pass now");
                }
                end = now;
            }
            long from = Math.max(pause.from().getEpochSecond(), startSec);
            long to = end.getEpochSecond();
            if (to <= from) {
                continue;
            }
            int at = n++;
            while (at > 0 && froms[at - 1] > from) {
                froms[at] = froms[at - 1];
                tos[at] = tos[at - 1];
                at--;
            }
            froms[at] = from;
            tos[at] = to;
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m > 0 && froms[i] <= tos[m - 1]) {
                tos[m - 1] = Math.max(tos[m - 1], tos[i]);
            } else {
                froms[m] = froms[i];
                tos[m] = tos[i];
                m++;
            }
        }
        return m;
    }
}
