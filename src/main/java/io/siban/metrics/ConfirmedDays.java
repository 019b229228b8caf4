package io.siban.metrics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How far ahead a calendar is confirmed: the days from today through 31 December of the last year
 * that is confirmed without a gap from this year on, today counted; 0 when this year is not.
 * A year is confirmed when it is OFFICIAL: listed in the calendar's {@code officialYears}, or, for a
 * calendar that does not name them, when the calendar holds its holiday arrangement (at least one
 * holiday date in that year): the State Council publishes each year's arrangement in November, and
 * every year has weekday holidays. A provisional year (the law's days only) is not confirmed. On 1 November only this year is left when next year is missing, at most 61 days
 * (1 November to 31 December), and at least 366 when it is there, so the alert "next year not
 * confirmed after 1 November" is {@code siban_calendar_confirmed_days < 62}.
 */
public final class ConfirmedDays {
    /** 1 November to 31 December, both counted. */
    public static final int NOVEMBER_AND_DECEMBER = 61;

    private ConfirmedDays() {
    }

    /** With the years that list a holiday as the official ones (the rule of a calendar that does not name them). */
    public static long of(Collection<LocalDate> holidays, LocalDate today) {
        return ofYears(holidays.stream().map(LocalDate::getYear).collect(Collectors.toSet()), today);
    }

    /** With the calendar's official years (see {@code CalendarYears.officialYears}). */
    public static long ofYears(Collection<Integer> official, LocalDate today) {
        Set<Integer> years = Set.copyOf(official);
        int year = today.getYear();
        if (!years.contains(year)) {
            return 0;
        }
        while (years.contains(year + 1)) {
            year++;
        }
        return ChronoUnit.DAYS.between(today, LocalDate.of(year, 12, 31)) + 1;
    }
}
