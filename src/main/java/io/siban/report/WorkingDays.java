package io.siban.report;

import io.siban.sla.calendar.OfficeInterval;
import io.siban.sla.calendar.WorkingCalendar;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;

/**
 * Working days a case used, in working days of its calendar (DOMAIN.md: a working day is that
 * calendar's working seconds of an ordinary Monday): working time from acceptance to close minus the
 * working time of its pauses. Pure.
 */
public final class WorkingDays {
    /** A pause; {@code to} null while it runs (counted up to the close). */
    public record Interval(Instant from, Instant to) {
    }

    /** What a closed case adds to the rollups; {@code statutory} null when the item has no statutory limit. */
    public record Used(BigDecimal used, BigDecimal statutory) {
    }

    static final long FALLBACK_DAY_SECONDS = 8 * 3_600;

    private WorkingDays() {
    }

    public static long daySeconds(WorkingCalendar calendar) {
        List<OfficeInterval> monday = calendar.definition().weeklyHours().get(DayOfWeek.MONDAY);
        long seconds = 0;
        if (monday != null) {
            for (OfficeInterval i : monday) {
                seconds += i.toSecond() - i.fromSecond();
            }
        }
        return seconds > 0 ? seconds : FALLBACK_DAY_SECONDS;
    }

    public static Used of(WorkingCalendar calendar, Instant accepted, Instant closed, List<Interval> pauses,
                          Integer statutoryDays, Long statutorySeconds) {
        long day = daySeconds(calendar);
        long working = calendar.workingTimeBetween(accepted, closed).toSeconds();
        for (Interval p : pauses) {
            Instant from = p.from().isBefore(accepted) ? accepted : p.from();
            Instant to = p.to() == null || p.to().isAfter(closed) ? closed : p.to();
            if (to.isAfter(from)) {
                working -= calendar.workingTimeBetween(from, to).toSeconds();
            }
        }
        BigDecimal used = days(Math.max(working, 0), day);
        BigDecimal statutory = statutoryDays != null ? BigDecimal.valueOf(statutoryDays)
                : statutorySeconds != null ? days(statutorySeconds, day) : null;
        return new Used(used, statutory);
    }

    private static BigDecimal days(long seconds, long day) {
        return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(day), new MathContext(12)).stripTrailingZeros();
    }
}
