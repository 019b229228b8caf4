package io.siban.sla.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

final class CalendarValidator {

    private CalendarValidator() {
    }

    static List<CalendarViolation> violationsOf(CalendarDefinition calendar) {
        List<CalendarViolation> found = new ArrayList<>();
        boolean anyHours = false;
        for (var entry : calendar.weeklyHours().entrySet()) {
            checkIntervals("weeklyHours." + entry.getKey(), entry.getValue(), found);
            anyHours |= !entry.getValue().isEmpty();
        }
        if (!anyHours) {
            found.add(new CalendarViolation("weeklyHours", "at least one day of the week must have office hours"));
        }
        for (LocalDate holiday : calendar.holidays()) {
            String field = "holidays[" + holiday + "]";
            if (isWeekend(holiday.getDayOfWeek()) && !hasWeeklyHours(calendar, holiday.getDayOfWeek())) {
                found.add(new CalendarViolation(field, "is a " + holiday.getDayOfWeek()
                        + " without weekly office hours; holidays take working days off (that day is off already)"));
            }
            if (calendar.makeUpWorkdays().contains(holiday)) {
                found.add(new CalendarViolation(field, "is also listed as a make-up working day"));
            }
        }
        List<OfficeInterval> mondayHours = calendar.weeklyHours().getOrDefault(DayOfWeek.MONDAY, List.of());
        for (LocalDate makeUp : calendar.makeUpWorkdays()) {
            String field = "makeUpWorkdays[" + makeUp + "]";
            if (hasWeeklyHours(calendar, makeUp.getDayOfWeek())) {
                found.add(new CalendarViolation(field, "is a " + makeUp.getDayOfWeek()
                        + ", a working day by its weekly hours; a make-up working day is a day without them"));
            } else if (mondayHours.isEmpty() && calendar.dateHours().getOrDefault(makeUp, List.of()).isEmpty()) {
                found.add(new CalendarViolation(field, "has no office hours: Monday has none and no dateHours are given"));
            }
        }
        for (var entry : calendar.dateHours().entrySet()) {
            LocalDate date = entry.getKey();
            String field = "dateHours[" + date + "]";
            checkIntervals(field, entry.getValue(), found);
            boolean plainWeekend = isWeekend(date.getDayOfWeek()) && !hasWeeklyHours(calendar, date.getDayOfWeek())
                    && !calendar.makeUpWorkdays().contains(date);
            if (calendar.holidays().contains(date) || plainWeekend) {
                found.add(new CalendarViolation(field, "is not a working day; add it to makeUpWorkdays or remove it from holidays"));
            }
        }
        return List.copyOf(found);
    }

    private static boolean hasWeeklyHours(CalendarDefinition calendar, DayOfWeek day) {
        return !calendar.weeklyHours().getOrDefault(day, List.of()).isEmpty();
    }

    private static void checkIntervals(String field, List<OfficeInterval> hours, List<CalendarViolation> found) {
        for (int i = 0; i < hours.size(); i++) {
            OfficeInterval interval = hours.get(i);
            String at = field + "[" + i + "]";
            if (!interval.isWholeSeconds()) {
                found.add(new CalendarViolation(at, "times must be whole seconds"));
            }
            if (!interval.isOrdered()) {
                found.add(new CalendarViolation(at, "opening " + interval.from() + " must be before closing " + interval.to()));
            }
            if (i > 0 && interval.fromSecond() <= hours.get(i - 1).toSecond()) {
                found.add(new CalendarViolation(at, "must open after the previous interval closes"
                        + " (intervals ascending, not touching or overlapping)"));
            }
        }
    }

    private static boolean isWeekend(DayOfWeek day) {
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }
}
