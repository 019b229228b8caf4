package io.siban.sla.calendar;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.siban.common.problem.Problem.Violation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A working calendar as admins write it and as it is stored: office hours per weekday (several
 * intervals a day for the lunch break), public holidays, make-up working days (调休, weekend dates
 * that are working days) and own hours for single dates. Times are "HH:mm"; "24:00" ends a day.
 *
 * <p>Dates are accepted as the State Council publishes them: a holiday on a day of the week without
 * office hours (a weekend date inside a festival block) or a make-up day on a day of the week that has
 * them (a listed weekday) changes nothing; it is kept as sent and reported by {@link #notes()}, and the
 * engine's definition leaves it out. Only contradictions are {@link #violations()}.
 *
 * <p>Long because the document's format rules, its notes and its translation into the engine's
 * definition read the same fields and must agree; split, each part would restate which dates count.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Calendar", example = """
        {"name": "中国大陆法定工作日", "timezone": "Asia/Shanghai",
         "weeklyHours": {"MONDAY": [["09:00","12:00"],["13:00","17:00"]], "TUESDAY": [["09:00","12:00"],["13:00","17:00"]]},
         "holidays": ["2026-10-01", "2026-10-02"], "workdays": ["2026-10-10"],
         "dateHours": {"2026-10-10": [["09:00","12:00"]]}}""")
public record CalendarDocument(
        @Schema(example = "中国大陆法定工作日") String name,
        @Schema(example = "Asia/Shanghai") String timezone,
        Map<DayOfWeek, List<List<String>>> weeklyHours,
        @Schema(example = "[\"2026-10-01\"]") Set<LocalDate> holidays,
        @Schema(description = "make-up working days (weekend dates)", example = "[\"2026-10-10\"]") Set<LocalDate> workdays,
        @Schema(description = "own office hours for single dates") Map<LocalDate, List<List<String>>> dateHours,
        @Schema(description = "the years whose arrangement is the State Council's notice; absent: every year that lists a holiday",
                example = "[2025, 2026]") Set<Integer> officialYears,
        @Schema(description = "the calendar this one extends (its weekly hours, holidays, workdays and years); see CalendarLineage",
                example = "cn") String parent) {

    static final int MAX_DATES = 5000;
    /** Dates and years a calendar may name: wide enough for any record, narrow enough to catch typos. */
    public static final int FIRST_YEAR = 1900;
    public static final int LAST_YEAR = 2999;

    /** A date listed that changes nothing, and why: computed from the document, never stored. */
    @Schema(name = "CalendarNote")
    public record Note(@Schema(example = "holidays[2024-02-10]") String field, LocalDate date,
                       @Schema(example = "is a SATURDAY, a day without office hours: off anyway") String message) {
    }

    /** A calendar id: lower-case letters, digits and '-'. */
    public static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    /** A calendar that extends none. */
    public CalendarDocument(String name, String timezone, Map<DayOfWeek, List<List<String>>> weeklyHours, Set<LocalDate> holidays,
                            Set<LocalDate> workdays, Map<LocalDate, List<List<String>>> dateHours, Set<Integer> officialYears) {
        this(name, timezone, weeklyHours, holidays, workdays, dateHours, officialYears, null);
    }

    /** A document that does not name its official years (every document stored before they could be named). */
    public CalendarDocument(String name, String timezone, Map<DayOfWeek, List<List<String>>> weeklyHours, Set<LocalDate> holidays,
                            Set<LocalDate> workdays, Map<LocalDate, List<List<String>>> dateHours) {
        this(name, timezone, weeklyHours, holidays, workdays, dateHours, null);
    }

    /** The same calendar naming these official years. */
    public CalendarDocument withOfficialYears(Set<Integer> years) {
        return new CalendarDocument(name, timezone, weeklyHours, holidays, workdays, dateHours, years, parent);
    }

    /** A copy with sorted collections and empty defaults, so stored documents compare and diff cleanly. */
    public CalendarDocument normalised() {
        return new CalendarDocument(name, timezone,
                weeklyHours == null ? Map.of() : new TreeMap<>(weeklyHours),
                holidays == null ? Set.of() : new TreeSet<>(holidays),
                workdays == null ? Set.of() : new TreeSet<>(workdays),
                dateHours == null ? Map.of() : new TreeMap<>(dateHours),
                officialYears == null ? null : new TreeSet<>(officialYears), parent);
    }

    /** Every reason this document is not a usable calendar: format errors here, rules from the engine. */
    public List<Violation> violations() {
        List<Violation> v = new ArrayList<>();
        ZoneId zone = null;
        if (parent != null && !ID.matcher(parent).matches()) {
            v.add(new Violation("parent", "must be a calendar id (1-40 lower-case letters, digits or '-')"));
        }
        // a calendar with a parent may leave out its zone (inherited); its engine rules are checked on the effective calendar (CalendarLineage)
        if (timezone == null ? parent == null : timezone.isBlank()) {
            v.add(new Violation("timezone", "is required, e.g. Asia/Shanghai"));
        } else if (timezone != null) {
            try {
                zone = ZoneId.of(timezone);
            } catch (DateTimeException e) {
                v.add(new Violation("timezone", "'" + timezone + "' is not a known time zone"));
            }
        }
        if (name != null && name.length() > 200) {
            v.add(new Violation("name", "must be at most 200 characters"));
        }
        nullDates(v, "holidays", holidays);
        nullDates(v, "workdays", workdays);
        if (allDates().size() > MAX_DATES) {
            v.add(new Violation("holidays", "at most " + MAX_DATES + " dates in all"));
        }
        Map<DayOfWeek, List<OfficeInterval>> weekly = new TreeMap<>();
        if (weeklyHours != null) {
            weeklyHours.forEach((day, intervals) -> weekly.put(day, intervals(v, "weeklyHours." + day, intervals)));
        }
        Map<LocalDate, List<OfficeInterval>> own = new TreeMap<>();
        if (dateHours != null) {
            dateHours.forEach((date, intervals) -> own.put(date, intervals(v, "dateHours[" + date + "]", intervals)));
        }
        boolean readable = v.isEmpty() && zone != null && parent == null;
        dateRules(v);
        if (readable) {
            definition(zone, weekly, own).violations()
                    .forEach(violation -> v.add(new Violation(violation.field().replace("makeUpWorkdays[", "workdays["),
                            violation.message())));
        }
        return v;
    }

    /** The contradictions between the lists of dates, and dates or years outside the years a calendar may name. */
    private void dateRules(List<Violation> v) {
        for (LocalDate date : new TreeSet<>(allDates())) {
            String list = holidays != null && holidays.contains(date) ? "holidays" : "workdays";
            if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
                v.add(new Violation(list + "[" + date + "]", "is outside the years " + FIRST_YEAR + "–" + LAST_YEAR));
            }
            if (holidays != null && workdays != null && holidays.contains(date) && workdays.contains(date)) {
                v.add(new Violation("holidays[" + date + "]", "is also listed as a make-up working day (workdays)"));
            }
        }
        if (dateHours != null) {
            dateHours.keySet().stream().filter(java.util.Objects::nonNull)
                    .filter(date -> date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR).sorted()
                    .forEach(date -> v.add(new Violation("dateHours[" + date + "]",
                            "is outside the years " + FIRST_YEAR + "–" + LAST_YEAR)));
        }
        if (officialYears != null) {
            if (officialYears.stream().anyMatch(java.util.Objects::isNull)) {
                v.add(new Violation("officialYears", "must not contain null; give years like 2026"));
            } else {
                officialYears.stream().filter(year -> year < FIRST_YEAR || year > LAST_YEAR).sorted()
                        .forEach(year -> v.add(new Violation("officialYears[" + year + "]",
                                "is outside the years " + FIRST_YEAR + "–" + LAST_YEAR)));
            }
        }
    }

    /**
     * The dates listed that change nothing, one note per date, in date order: holidays on a day of the
     * week without office hours, make-up days on a day of the week that has them. Meaningful for a
     * document without {@link #violations()}.
     */
    public List<Note> notes() {
        List<Note> notes = new ArrayList<>();
        java.util.SortedSet<LocalDate> dates = new TreeSet<>(allDates());
        for (LocalDate date : dates) {
            if (holidays != null && holidays.contains(date) && holidayNote(date) != null) {
                notes.add(new Note("holidays[" + date + "]", date, holidayNote(date)));
            }
            if (workdays != null && workdays.contains(date) && workdayNote(date) != null) {
                notes.add(new Note("workdays[" + date + "]", date, workdayNote(date)));
            }
        }
        return notes;
    }

    /** Why listing {@code date} as a holiday changes nothing, or null when it takes a working day off. */
    public String holidayNote(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return hasWeeklyHours(day) ? null
                : "is a " + day + ", a day without weekly office hours: off anyway";
    }

    /** Why listing {@code date} as a make-up working day changes nothing, or null when it makes a day off a working day. */
    public String workdayNote(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return hasWeeklyHours(day) ? "is a " + day + ", a working day anyway (weeklyHours." + day + ")" : null;
    }

    private boolean hasWeeklyHours(DayOfWeek day) {
        List<List<String>> hours = weeklyHours == null ? null : weeklyHours.get(day);
        return hours != null && !hours.isEmpty();
    }

    /**
     * The years whose arrangement is official: {@code officialYears} when given, else every year that
     * lists at least one holiday (the rule for documents stored before the field existed).
     */
    public java.util.SortedSet<Integer> officialYearsOrImplied() {
        if (officialYears != null) {
            java.util.SortedSet<Integer> named = new TreeSet<>();
            officialYears.stream().filter(java.util.Objects::nonNull).forEach(named::add);
            return named;
        }
        java.util.SortedSet<Integer> years = new TreeSet<>();
        if (holidays != null) {
            holidays.stream().filter(java.util.Objects::nonNull).forEach(date -> years.add(date.getYear()));
        }
        return years;
    }

    /** The engine's definition of this calendar; call only when {@link #violations()} is empty. */
    public CalendarDefinition toDefinition() {
        List<Violation> ignored = new ArrayList<>();
        Map<DayOfWeek, List<OfficeInterval>> weekly = new TreeMap<>();
        normalised().weeklyHours().forEach((day, intervals) -> weekly.put(day, intervals(ignored, "", intervals)));
        Map<LocalDate, List<OfficeInterval>> own = new TreeMap<>();
        normalised().dateHours().forEach((date, intervals) -> own.put(date, intervals(ignored, "", intervals)));
        if (!ignored.isEmpty()) {
            throw new IllegalStateException("calendar document is invalid: " + ignored);
        }
        return definition(ZoneId.of(timezone), weekly, own);
    }

    /** The engine sees the dates that change something; the others are {@link #notes()}. */
    private CalendarDefinition definition(ZoneId zone, Map<DayOfWeek, List<OfficeInterval>> weekly,
                                          Map<LocalDate, List<OfficeInterval>> own) {
        Set<LocalDate> off = new TreeSet<>();
        Set<LocalDate> on = new TreeSet<>();
        if (holidays != null) {
            holidays.stream().filter(java.util.Objects::nonNull).filter(date -> holidayNote(date) == null).forEach(off::add);
        }
        if (workdays != null) {
            workdays.stream().filter(java.util.Objects::nonNull).filter(date -> workdayNote(date) == null).forEach(on::add);
        }
        return new CalendarDefinition(zone, weekly, off, on, own);
    }

    private static List<OfficeInterval> intervals(List<Violation> v, String field, List<List<String>> intervals) {
        List<OfficeInterval> parsed = new ArrayList<>();
        if (intervals == null) {
            v.add(new Violation(field, "give a list of [from, to] intervals (an empty list for no hours)"));
            return parsed;
        }
        for (int i = 0; i < intervals.size(); i++) {
            List<String> interval = intervals.get(i);
            String at = field + "[" + i + "]";
            if (interval == null || interval.size() != 2 || minuteOfDay(interval.get(0)) == null
                    || minuteOfDay(interval.get(1)) == null || "24:00".equals(interval.get(0))) {
                v.add(new Violation(at, "must be [\"HH:mm\", \"HH:mm\"] with times from 00:00 to 24:00"));
                continue;
            }
            parsed.add(OfficeInterval.of(interval.get(0), interval.get(1)));
        }
        return parsed;
    }

    /** Minutes since midnight for "HH:mm" (24:00 allowed), or null if malformed. */
    static Integer minuteOfDay(String text) {
        if (text == null || !text.matches("\\d{2}:\\d{2}")) {
            return null;
        }
        if (text.equals("24:00")) {
            return 24 * 60;
        }
        try {
            LocalTime time = LocalTime.parse(text);
            return time.getHour() * 60 + time.getMinute();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A list of dates with a null in it names the list; a null cannot be sorted or stored. */
    public static void nullDates(List<Violation> v, String field, java.util.Collection<LocalDate> dates) {
        // by iteration: a sorted set (as stored documents hold) refuses contains(null)
        if (dates != null && dates.stream().anyMatch(java.util.Objects::isNull)) {
            v.add(new Violation(field, "must not contain null; give dates like 2026-10-01"));
        }
    }

    /** Distinct dates named as holidays or make-up days. */
    public Set<LocalDate> allDates() {
        Set<LocalDate> dates = new HashSet<>();
        if (holidays != null) {
            dates.addAll(holidays);
        }
        if (workdays != null) {
            dates.addAll(workdays);
        }
        dates.removeIf(java.util.Objects::isNull);
        return dates;
    }
}
