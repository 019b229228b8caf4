package io.siban.accountability;

import io.siban.sla.calendar.WorkingCalendar;

import java.time.Duration;
import java.time.Instant;

/**
 * When the explanation of a card is due: the same local time on the N-th working day after the card, on
 * the hall's calendar ({@link WorkingCalendar#sameTimeNthWorkingDay}); and, for the register's filter of
 * overdue cards, the instant before which every card's explanation is due by now.
 *
 * <p>The due is a non-decreasing function of the card's instant and depends only on its whole second (the
 * engine counts in seconds), and it is always later than the card (the card's day never counts). So the
 * cards overdue at {@code now} are exactly those received before one instant, found by bisection over
 * whole seconds; SQL can then filter and page on {@code at < cutoff} with no calendar of its own.
 */
final class ExplanationDue {
    /** How far back the search first looks; a calendar with no working day in this span is looked at further back. */
    static final Duration FIRST_SPAN = Duration.ofDays(60);
    static final int MAX_SPANS = 12;

    private ExplanationDue() {
    }

    static Instant of(WorkingCalendar calendar, Instant card, int workingDays) {
        return calendar.sameTimeNthWorkingDay(card, workingDays);
    }

    /** Whether a card received at {@code card} has its explanation due at or before {@code now}. */
    static boolean isDue(WorkingCalendar calendar, Instant card, int workingDays, Instant now) {
        return !of(calendar, card, workingDays).isAfter(now);
    }

    /**
     * The first instant whose card is not yet due for explanation at {@code now}: a card received before it
     * is due, one received at or after it is not. On a calendar with no working days for
     * {@code MAX_SPANS × FIRST_SPAN} (two years) before now, cards older than that are taken as due.
     */
    static Instant overdueBefore(WorkingCalendar calendar, Instant now, int workingDays) {
        long notDue = now.getEpochSecond();
        long due = notDue - FIRST_SPAN.toSeconds();
        for (int spans = 1; !isDue(calendar, Instant.ofEpochSecond(due), workingDays, now); spans++) {
            if (spans == MAX_SPANS) {
                return Instant.ofEpochSecond(due);
            }
            notDue = due;
            due -= FIRST_SPAN.toSeconds();
        }
        // due(due) <= now < due(notDue), and due() is non-decreasing: bisect to adjacent seconds
        while (notDue - due > 1) {
            long mid = due + (notDue - due) / 2;
            if (isDue(calendar, Instant.ofEpochSecond(mid), workingDays, now)) {
                due = mid;
            } else {
                notDue = mid;
            }
        }
        return Instant.ofEpochSecond(notDue);
    }
}
