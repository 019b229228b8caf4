package io.siban.sla.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an administrator configures for a hall (or a region): the data a {@link WorkingCalendar} is
 * built from.
 *
 * <ul>
 *   <li>{@code zone}: office hours are local wall-clock times in this zone.</li>
 *   <li>{@code weeklyHours}: office hours per day of the week; a missing or empty day has no office
 *       hours. Saturday or Sunday hours make that day of the week a working day (an office that works
 *       Saturdays); otherwise a weekend day only works as a make-up day, with Monday's hours or its
 *       own {@code dateHours}.</li>
 *   <li>{@code holidays}: dates that are not working days: Monday–Friday, or a Saturday or Sunday
 *       that has weekly hours.</li>
 *   <li>{@code makeUpWorkdays}: dates whose day of the week has no office hours (Saturday/Sunday in
 *       the usual week) that are working days (调休).</li>
 *   <li>{@code dateHours}: own office hours for specific working dates (an empty list closes the
 *       office that day, which makes it a non-working day).</li>
 * </ul>
 *
 * The constructor rejects nulls (components and elements) and stores immutable, sorted copies; every
 * semantic rule is reported by {@link #violations()} so a REST layer can answer with all of them.
 */
public record CalendarDefinition(
        ZoneId zone,
        Map<DayOfWeek, List<OfficeInterval>> weeklyHours,
        Set<LocalDate> holidays,
        Set<LocalDate> makeUpWorkdays,
        Map<LocalDate, List<OfficeInterval>> dateHours) {

    /** The default zone of a Chinese service hall. */
    public static final ZoneId CHINA_ZONE = ZoneId.of("Asia/Shanghai");

    /** The usual hall day: 09:00–12:00 and 13:00–17:00 (seven working hours). */
    public static final List<OfficeInterval> CHINA_HALL_HOURS =
            List.of(OfficeInterval.of("09:00", "12:00"), OfficeInterval.of("13:00", "17:00"));

    /** Copies every component into an immutable, sorted structure; nulls (components or elements) throw {@link NullPointerException}. */
    public CalendarDefinition {
        Objects.requireNonNull(zone, "zone");
        EnumMap<DayOfWeek, List<OfficeInterval>> weekly = new EnumMap<>(DayOfWeek.class);
        Objects.requireNonNull(weeklyHours, "weeklyHours").forEach((day, hours) -> weekly.put(day, List.copyOf(hours)));
        weeklyHours = Collections.unmodifiableMap(weekly);
        holidays = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(holidays, "holidays")));
        makeUpWorkdays = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(makeUpWorkdays, "makeUpWorkdays")));
        TreeMap<LocalDate, List<OfficeInterval>> own = new TreeMap<>();
        Objects.requireNonNull(dateHours, "dateHours").forEach((date, hours) -> own.put(date, List.copyOf(hours)));
        dateHours = Collections.unmodifiableSortedMap(own);
    }

    /** Monday to Friday with the same {@code hours}, no date-specific hours. */
    public static CalendarDefinition weekdays(ZoneId zone, List<OfficeInterval> hours,
                                              Set<LocalDate> holidays, Set<LocalDate> makeUpWorkdays) {
        EnumMap<DayOfWeek, List<OfficeInterval>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                weekly.put(day, hours);
            }
        }
        return new CalendarDefinition(zone, weekly, holidays, makeUpWorkdays, Map.of());
    }

    /**
     * A Chinese service hall: Asia/Shanghai, Monday–Friday 09:00–12:00 and 13:00–17:00, with the
     * official holidays (weekday dates off) and make-up working days (weekend dates on).
     */
    public static CalendarDefinition chinaServiceHall(Set<LocalDate> holidays, Set<LocalDate> makeUpWorkdays) {
        return weekdays(CHINA_ZONE, CHINA_HALL_HOURS, holidays, makeUpWorkdays);
    }

    /** A copy with own office hours for {@code date} (an empty list closes that day). */
    public CalendarDefinition withDateHours(LocalDate date, List<OfficeInterval> hours) {
        TreeMap<LocalDate, List<OfficeInterval>> own = new TreeMap<>(dateHours);
        own.put(date, hours);
        return new CalendarDefinition(zone, weeklyHours, holidays, makeUpWorkdays, own);
    }

    /**
     * Every semantic rule this definition breaks; empty when it is valid. Checked: each interval has
     * whole seconds and opens before it closes; the intervals of a day are ascending and do not touch
     * or overlap; at least one day of the week has hours; a holiday is not a Saturday or Sunday
     * without weekly hours and is not also a make-up day; a make-up day falls on a day of the week without hours and
     * has office hours (Monday's or its own); date hours are only given for working dates.
     * ({@link CalendarDocument} leaves out the listed dates that change nothing before it builds a
     * definition, so these rules never refuse a year pasted as published.)
     */
    public List<CalendarViolation> violations() {
        return CalendarValidator.violationsOf(this);
    }

    /** True when {@link #violations()} is empty. */
    public boolean isValid() {
        return violations().isEmpty();
    }
}
