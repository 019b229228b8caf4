package io.siban.sla;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.siban.common.Problem.Violation;
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
        @Schema(description = "own office hours for single dates") Map<LocalDate, List<List<String>>> dateHours) {

    static final int MAX_DATES = 5000;

    /** A copy with sorted collections and empty defaults, so stored documents compare and diff cleanly. */
    public CalendarDocument normalised() {
        return new CalendarDocument(name, timezone,
                weeklyHours == null ? Map.of() : new TreeMap<>(weeklyHours),
                holidays == null ? Set.of() : new TreeSet<>(holidays),
                workdays == null ? Set.of() : new TreeSet<>(workdays),
                dateHours == null ? Map.of() : new TreeMap<>(dateHours));
    }

    public List<Violation> violations() {
        List<Violation> v = new ArrayList<>();
        if (timezone == null || timezone.isBlank()) {
            v.add(new Violation("timezone", "is required, e.g. Asia/Shanghai"));
        } else {
            try {
                ZoneId.of(timezone);
            } catch (DateTimeException e) {
                v.add(new Violation("timezone", "'" + timezone + "' is not a known time zone"));
            }
        }
        if (name != null && name.length() > 200) {
            v.add(new Violation("name", "must be at most 200 characters"));
        }
        if (weeklyHours == null || weeklyHours.isEmpty()) {
            v.add(new Violation("weeklyHours", "give the office hours of at least one weekday"));
        } else {
            weeklyHours.forEach((day, intervals) -> checkIntervals(v, "weeklyHours." + day, intervals));
        }
        if (dateHours != null) {
            dateHours.forEach((date, intervals) -> checkIntervals(v, "dateHours." + date, intervals));
        }
        Set<LocalDate> off = holidays == null ? Set.of() : holidays;
        Set<LocalDate> on = workdays == null ? Set.of() : workdays;
        if (off.size() + on.size() > MAX_DATES) {
            v.add(new Violation("holidays", "at most " + MAX_DATES + " dates in all"));
        }
        Set<LocalDate> both = new TreeSet<>(off);
        both.retainAll(on);
        both.forEach(date -> v.add(new Violation("workdays", date + " is also a holiday")));
        on.stream().sorted().filter(date -> date.getDayOfWeek().getValue() < 6)
                .forEach(date -> v.add(new Violation("workdays", date + " is a " + date.getDayOfWeek()
                        + "; make-up working days are weekend dates")));
        return v;
    }

    private static void checkIntervals(List<Violation> v, String field, List<List<String>> intervals) {
        if (intervals == null) {
            v.add(new Violation(field, "give a list of [from, to] intervals (an empty list for no hours)"));
            return;
        }
        int previousEnd = -1;
        for (int i = 0; i < intervals.size(); i++) {
            List<String> interval = intervals.get(i);
            String at = field + "[" + i + "]";
            if (interval == null || interval.size() != 2) {
                v.add(new Violation(at, "must be [\"HH:mm\", \"HH:mm\"]"));
                return;
            }
            Integer from = minuteOfDay(interval.get(0));
            Integer to = minuteOfDay(interval.get(1));
            if (from == null || to == null) {
                v.add(new Violation(at, "times must be HH:mm between 00:00 and 24:00"));
                return;
            }
            if (from >= to) {
                v.add(new Violation(at, "must start before it ends"));
                return;
            }
            if (from < previousEnd) {
                v.add(new Violation(at, "overlaps or comes before the previous interval"));
                return;
            }
            previousEnd = to;
        }
    }

    /** Minutes since midnight for "HH:mm" (24:00 allowed), or null if malformed. */
    public static Integer minuteOfDay(String text) {
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

    /** Distinct dates named as holidays or make-up days. */
    public Set<LocalDate> allDates() {
        Set<LocalDate> dates = new HashSet<>();
        if (holidays != null) {
            dates.addAll(holidays);
        }
        if (workdays != null) {
            dates.addAll(workdays);
        }
        return dates;
    }
}
