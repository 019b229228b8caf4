package io.siban.sla.calendar;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a calendar knows of each year: OFFICIAL (the State Council's notice), PROVISIONAL (the law's
 * days, for a Chinese calendar), or NONE (weekly hours and the calendar's own dates only); and the
 * coverage alarm, raised from 1 November when next year is not official.
 *
 * <p>A year is official when the document lists it in {@code officialYears}; a document that does not
 * name them (every one stored before they could be named) counts a year official when it lists at
 * least one holiday date in it. A calendar follows the Chinese law, and so has provisional years,
 * when its zone is a mainland China zone and it says something of the law's years: it names
 * {@code officialYears} or lists a holiday. The seeded {@code cn} and every calendar created like
 * it do; a calendar of bare weekly hours (as tests use for arithmetic in far-off years) does not.
 */
public final class CalendarYears {
    /** The zones of mainland China: Beijing time, and the zone Xinjiang's clocks also use. */
    static final Set<String> MAINLAND_ZONES = Set.of("Asia/Shanghai", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin",
            "Asia/Urumqi", "Asia/Kashgar", "PRC");

    /** The alarm starts on this day of the year (1 November): the notice is due in November. */
    static final int ALARM_MONTH = 11;

    public enum Status { OFFICIAL, PROVISIONAL, NONE }

    /** A coverage warning: what is missing and what follows, for the admin's answer, the health check and the board. */
    public record Warning(String code, int year, String message) {
        public static final String NEXT_YEAR_NOT_OFFICIAL = "next-year-not-official";
    }

    private CalendarYears() {
    }

    /** The official years: as named, or else the years that list a holiday. */
    public static SortedSet<Integer> officialYears(CalendarDocument document) {
        return Collections.unmodifiableSortedSet(document.officialYearsOrImplied());
    }

    /**
     * The {@code officialYears} to store when one year is replaced: unchanged when {@code official} is
     * null (absent stays absent); else the years official now, with {@code year} added or removed.
     */
    public static Set<Integer> officialYearsWith(CalendarDocument document, int year, Boolean official) {
        if (official == null) {
            // a document that named none has them written down as they stood before the change: listing a
            // holiday of a provisional year must not make that year official (a calendar with a parent
            // that names none goes on taking its parent's)
            return document.parent() != null && document.officialYears() == null ? null : officialYears(document);
        }
        TreeSet<Integer> years = new TreeSet<>(officialYears(document));
        if (official) {
            years.add(year);
        } else {
            years.remove(year);
        }
        return years;
    }

    /** Whether the calendar follows the Chinese law, so that years it has no notice for are provisional. */
    public static boolean followsChineseLaw(CalendarDocument document) {
        boolean saysSomething = document.officialYears() != null || document.holidays() != null && !document.holidays().isEmpty();
        return document.timezone() != null && MAINLAND_ZONES.contains(document.timezone()) && saysSomething;
    }

    /** The official years the engine needs for {@link WorkingCalendar#of(CalendarDefinition, Set)}; null when the calendar has no provisional years. */
    public static Set<Integer> engineOfficialYears(CalendarDocument document) {
        return followsChineseLaw(document) ? officialYears(document) : null;
    }

    public static Status status(CalendarDocument document, int year) {
        if (officialYears(document).contains(year)) {
            return Status.OFFICIAL;
        }
        return followsChineseLaw(document) && year >= StatutoryHolidays.LAW_SINCE ? Status.PROVISIONAL : Status.NONE;
    }

    /**
     * Each year's status, from the first official year (or this year) to next year or the last
     * official year, whichever is later.
     */
    public static SortedMap<String, Status> years(CalendarDocument document, LocalDate today) {
        SortedSet<Integer> official = officialYears(document);
        int first = official.isEmpty() ? today.getYear() : Math.min(official.first(), today.getYear());
        int last = Math.max(today.getYear() + 1, official.isEmpty() ? 0 : official.last());
        TreeMap<String, Status> years = new TreeMap<>();
        for (int year = first; year <= last; year++) {
            years.put(Integer.toString(year), status(document, year));
        }
        return years;
    }

    /** 31 December of the last official year, or null when no year is official. */
    public static LocalDate confirmedThrough(CalendarDocument document) {
        SortedSet<Integer> official = officialYears(document);
        return official.isEmpty() ? null : LocalDate.of(official.last(), 12, 31);
    }

    /** From 1 November (the calendar's local date): a warning when next year is not official. */
    public static List<Warning> warnings(CalendarDocument document, LocalDate today) {
        List<Warning> warnings = new ArrayList<>();
        int next = today.getYear() + 1;
        if (today.getMonthValue() >= ALARM_MONTH && !officialYears(document).contains(next)) {
            String counted = followsChineseLaw(document)
                    ? "deadlines that run into " + next + " are provisional (the law's statutory holidays, no 调休) "
                    + "and are re-timed when the year is loaded"
                    : "deadlines that run into " + next + " count its weekly hours only";
            warnings.add(new Warning(Warning.NEXT_YEAR_NOT_OFFICIAL, next,
                    "the holiday arrangement of " + next + " (the State Council's notice) is not loaded: " + counted));
        }
        return warnings;
    }

    /** Today in the calendar's zone (UTC if the stored zone is unreadable). */
    public static LocalDate today(CalendarDocument document, Instant now) {
        ZoneId zone;
        try {
            zone = ZoneId.of(document.timezone());
        } catch (DateTimeException | NullPointerException e) {
            zone = java.time.ZoneOffset.UTC;
        }
        return LocalDate.ofInstant(now, zone);
    }
}
