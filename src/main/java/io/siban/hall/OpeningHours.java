package io.siban.hall;

import io.siban.common.problem.Problem.Violation;
import io.siban.common.problem.ProblemException;
import io.siban.hall.dto.ServiceHours;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A hall's service hours, parsed: whether the hall takes tickets at an instant and when it opens next.
 * Pure: the hall's zone and its calendar's working days are given, so it is tested without Quarkus.
 *
 * <p>The hours of a date: its exception if it has one; none on a holiday (a weekday that is not a
 * working day of the calendar); on a weekend working day (调休, served as a weekday) Monday's hours, or
 * its own weekday's if Monday has none; otherwise its weekday's. Weekend hours never make a day a working day: that is the calendar's.
 */
public final class OpeningHours {
    static final int MAX_INTERVALS = 12;
    static final int MAX_EXCEPTIONS = 1000;
    /** How far {@link #nextOpening} looks ahead: past a year of closed days there is no next opening to give. */
    static final int HORIZON_DAYS = 400;
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final int DAY = 24 * 60;

    /** A half-open span of a local day in minutes, [from, to); to may be 1440 (24:00). */
    public record Span(int from, int to) {
    }

    private final Map<DayOfWeek, List<Span>> weekly;
    private final Map<LocalDate, List<Span>> exceptions;

    private OpeningHours(Map<DayOfWeek, List<Span>> weekly, Map<LocalDate, List<Span>> exceptions) {
        this.weekly = weekly;
        this.exceptions = exceptions;
    }

    /**
     * The parsed hours, or a 400 whose violations name each bad field ({@code serviceHours.weeklyHours.MONDAY[1]},
     * {@code serviceHours.exceptions[2026-02-30]}): unknown weekdays, malformed dates or times, inverted or
     * overlapping intervals.
     */
    public static OpeningHours parse(ServiceHours hours) {
        List<Violation> v = new ArrayList<>();
        Map<DayOfWeek, List<Span>> weekly = new EnumMap<>(DayOfWeek.class);
        Map<LocalDate, List<Span>> exceptions = new HashMap<>();
        if (hours.weeklyHours() == null) {
            v.add(new Violation("serviceHours.weeklyHours", "is required ({} for none); a hall without service hours takes tickets whenever asked"));
        } else {
            hours.weeklyHours().forEach((day, intervals) -> {
                String field = "serviceHours.weeklyHours." + day;
                DayOfWeek weekday = weekday(day);
                if (weekday == null) {
                    v.add(new Violation(field, "is not a weekday: give MONDAY … SUNDAY"));
                } else {
                    weekly.put(weekday, spans(field, intervals, v));
                }
            });
        }
        if (hours.exceptions() != null) {
            if (hours.exceptions().size() > MAX_EXCEPTIONS) {
                v.add(new Violation("serviceHours.exceptions", "at most " + MAX_EXCEPTIONS + " dates"));
            }
            hours.exceptions().forEach((text, intervals) -> {
                String field = "serviceHours.exceptions[" + text + "]";
                LocalDate date = date(text);
                if (date == null) {
                    v.add(new Violation(field, "is not a date: give YYYY-MM-DD"));
                } else {
                    exceptions.put(date, spans(field, intervals, v));
                }
            });
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return new OpeningHours(weekly, exceptions);
    }

    private static DayOfWeek weekday(String name) {
        return Arrays.stream(DayOfWeek.values()).filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }

    private static LocalDate date(String text) {
        if (text == null || !DATE.matcher(text).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static List<Span> spans(String field, List<List<String>> intervals, List<Violation> v) {
        if (intervals == null) {
            v.add(new Violation(field, "give a list of [\"HH:mm\", \"HH:mm\"] intervals ([] for closed)"));
            return List.of();
        }
        if (intervals.size() > MAX_INTERVALS) {
            v.add(new Violation(field, "at most " + MAX_INTERVALS + " intervals a day"));
            return List.of();
        }
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < intervals.size(); i++) {
            List<String> interval = intervals.get(i);
            String at = field + "[" + i + "]";
            Integer from = interval == null || interval.size() != 2 ? null : minute(interval.get(0), false);
            Integer to = interval == null || interval.size() != 2 ? null : minute(interval.get(1), true);
            if (from == null || to == null) {
                v.add(new Violation(at, "must be [\"HH:mm\", \"HH:mm\"], from 00:00 to 24:00"));
            } else if (from >= to) {
                v.add(new Violation(at, "opens at " + interval.get(0) + ", not before it closes at " + interval.get(1)));
            } else {
                spans.add(new Span(from, to));
            }
        }
        spans.sort(Comparator.comparingInt(Span::from));
        for (int i = 1; i < spans.size(); i++) {
            if (spans.get(i).from() < spans.get(i - 1).to()) {
                v.add(new Violation(field, "intervals overlap: " + text(spans.get(i - 1)) + " and " + text(spans.get(i))));
            }
        }
        return List.copyOf(spans);
    }

    /** Minutes since midnight of "HH:mm"; "24:00" only as a closing time; null if malformed. */
    private static Integer minute(String text, boolean closing) {
        if (text == null || !TIME.matcher(text).matches()) {
            return null;
        }
        if (text.equals("24:00")) {
            return closing ? DAY : null;
        }
        try {
            LocalTime time = LocalTime.parse(text);
            return time.getHour() * 60 + time.getMinute();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String text(Span span) {
        return String.format("%02d:%02d–%02d:%02d", span.from() / 60, span.from() % 60, span.to() / 60, span.to() % 60);
    }

    /** What the hall's calendar makes of a date, as far as its service hours care. */
    public enum Day {
        /** A working day by the calendar (a Saturday too, on a calendar with Saturday hours). */
        WORKING,
        /** A weekend date the calendar makes a working day (调休): served with Monday's hours. */
        MAKE_UP,
        /** A day off that would otherwise be served: a holiday, on a weekday or a weekend (国庆 on a Saturday). */
        OFF,
        /** An ordinary Saturday or Sunday: served by the hall's weekend hours, if it has any. */
        WEEKEND;

        /** The day as a calendar that only says working or not reads: a working weekend day is a make-up day. */
        static Day of(LocalDate date, boolean workingDay) {
            DayOfWeek day = date.getDayOfWeek();
            boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
            if (workingDay) {
                return weekend ? MAKE_UP : WORKING;
            }
            return weekend ? WEEKEND : OFF;
        }
    }

    /** The spans the hall takes tickets in on {@code date}, given what its calendar makes of it. */
    public List<Span> on(LocalDate date, Day kind) {
        List<Span> own = exceptions.get(date);
        if (own != null) {
            return own;
        }
        if (kind == Day.OFF) {
            return List.of();
        }
        List<Span> weekday = weekly.getOrDefault(date.getDayOfWeek(), List.of());
        List<Span> monday = weekly.getOrDefault(DayOfWeek.MONDAY, List.of());
        return kind == Day.MAKE_UP && !monday.isEmpty() ? monday : weekday;
    }

    /** {@link #isOpen(Instant, ZoneId, java.util.function.Function)} on a calendar that says only working or not. */
    public boolean isOpen(Instant at, ZoneId zone, Predicate<LocalDate> workingDay) {
        return isOpen(at, zone, (java.util.function.Function<LocalDate, Day>) date -> Day.of(date, workingDay.test(date)));
    }

    /** {@link #nextOpening(Instant, ZoneId, java.util.function.Function)} on a calendar that says only working or not. */
    public Instant nextOpening(Instant at, ZoneId zone, Predicate<LocalDate> workingDay) {
        return nextOpening(at, zone, (java.util.function.Function<LocalDate, Day>) date -> Day.of(date, workingDay.test(date)));
    }

    /**
     * Whether the hall takes tickets at {@code at} (opening inclusive, closing exclusive), read on the wall
     * clock of {@code zone}: a map lookup and a comparison or two, as the issue path can afford.
     */
    public boolean isOpen(Instant at, ZoneId zone, java.util.function.Function<LocalDate, Day> days) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        LocalDate date = local.toLocalDate();
        int second = local.toLocalTime().toSecondOfDay();
        for (Span span : on(date, days.apply(date))) {
            if (span.from() * 60 <= second && second < span.to() * 60) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first instant from {@code at} on at which the hall takes tickets: {@code at} itself when it is
     * open then; null when it opens on none of the next {@value #HORIZON_DAYS} days.
     */
    public Instant nextOpening(Instant at, ZoneId zone, java.util.function.Function<LocalDate, Day> days) {
        if (isOpen(at, zone, days)) {
            return at;
        }
        LocalDate today = LocalDate.ofInstant(at, zone);
        for (int d = 0; d < HORIZON_DAYS; d++) {
            LocalDate date = today.plusDays(d);
            for (Span span : on(date, days.apply(date))) {
                Instant start = start(date, span, zone);
                if (start.isAfter(at)) {
                    return start;
                }
            }
        }
        return null;
    }

    private static Instant start(LocalDate date, Span span, ZoneId zone) {
        return ZonedDateTime.of(date, LocalTime.of(span.from() / 60, span.from() % 60), zone).toInstant();
    }
}
