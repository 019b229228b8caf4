package io.siban.sla.deadline;

import io.siban.sla.calendar.WorkingCalendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.function.Function;

/**
 * E-supervision cards. The card is a pure function of {@code now}, so a live index only has to
 * schedule the instants returned by {@link #yellowFrom} and the two dues.
 */
public final class SlaCards {

    private SlaCards() {
    }

    /**
     * The card at {@code now}: {@link SlaCard#LEGAL_BREACH} when {@code now >= statutoryDue};
     * {@link SlaCard#RED} when {@code now >= committedDue}; {@link SlaCard#YELLOW} when
     * {@code now >= yellowFrom(calendar, committedDue, threshold)}; else {@link SlaCard#GREEN}.
     * Dues must be the pause-adjusted ones.
     *
     * @param statutoryDue may be null when the item has no statutory limit
     */
    public static SlaCard evaluate(WorkingCalendar calendar, Instant now, Instant committedDue,
                                   Instant statutoryDue, YellowThreshold threshold) {
        return at(now, due -> switch (due) {
            case STATUTORY -> statutoryDue;
            case COMMITTED -> Objects.requireNonNull(committedDue, "committedDue");
            case YELLOW_FROM -> yellowFrom(calendar, committedDue, threshold);
        });
    }

    /**
     * The card at {@code now} from stored instants: the most severe card whose instant has come
     * ({@code now >= instant}); a null instant never comes. The SQL forms of the case list, the
     * counters and the sweep are generated from the same {@link SlaCard#MOST_SEVERE_FIRST} order.
     */
    public static SlaCard fromDues(Instant now, Instant yellowFrom, Instant committedDue, Instant statutoryDue) {
        return at(now, due -> switch (due) {
            case STATUTORY -> statutoryDue;
            case COMMITTED -> committedDue;
            case YELLOW_FROM -> yellowFrom;
        });
    }

    /** The first card, most severe first, whose instant (asked for only when needed) has come. */
    private static SlaCard at(Instant now, Function<SlaCard.Due, Instant> instants) {
        Objects.requireNonNull(now, "now");
        for (SlaCard card : SlaCard.MOST_SEVERE_FIRST) {
            if (card.from() == null) {
                return card;
            }
            Instant from = instants.apply(card.from());
            if (from != null && !now.isBefore(from)) {
                return card;
            }
        }
        throw new IllegalStateException("GREEN ends the order");
    }

    /** {@link #evaluate(WorkingCalendar, Instant, Instant, Instant, YellowThreshold)} with a working-time threshold. */
    public static SlaCard evaluate(WorkingCalendar calendar, Instant now, Instant committedDue,
                                   Instant statutoryDue, Duration yellowThreshold) {
        return evaluate(calendar, now, committedDue, statutoryDue, YellowThreshold.workingTime(yellowThreshold));
    }

    /**
     * The instant the card turns yellow, never after {@code committedDue}.
     * <ul>
     *   <li>Working time {@code w}: the earliest instant from which at most {@code w} working time
     *       remains, {@link WorkingCalendar#subtractWorkingTime subtractWorkingTime(due, w)} — so
     *       remaining ≤ threshold exactly when {@code now >= yellowFrom}.</li>
     *   <li>Working days {@code k}: the due's local time on the {@code k}-th working day before the
     *       due's date (the next office-hours instant if that time is outside that day's hours) — the
     *       inverse of {@link WorkingCalendar#sameTimeNthWorkingDay}. A due at close of business on
     *       day N turns yellow at close of business on day N−1; a due Wed 10:00 at Tue 10:00.</li>
     * </ul>
     */
    public static Instant yellowFrom(WorkingCalendar calendar, Instant committedDue, YellowThreshold threshold) {
        Objects.requireNonNull(committedDue, "committedDue");
        if (threshold.workingTime() != null) {
            return calendar.subtractWorkingTime(committedDue, threshold.workingTime());
        }
        LocalDateTime due = calendar.localDateTime(committedDue.getEpochSecond());
        long yellow = calendar.sameTimeOrNextOpening(
                calendar.nthWorkingDayBefore(due.toLocalDate(), threshold.workingDays()), due.toLocalTime());
        return Instant.ofEpochSecond(Math.min(yellow, committedDue.getEpochSecond()));
    }
}
