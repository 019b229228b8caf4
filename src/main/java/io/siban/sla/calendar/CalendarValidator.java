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
        boolean anyWeekdayHours = false;
        for (var entry : calendar.weeklyHours().entrySet()) {
            String field = "weeklyHours." + entry.getKey();
            checkIntervals(field, entry.getValue(), found);
            if (isWeekend(entry.getKey()) && !entry.getValue().isEmpty()) {
                found.add(new CalendarViolation(field, "weekend days have no weekly hours; a make-up working day keeps"
                        + " Monday's hours or takes its own dateHours"));
            } else if (!entry.getValue().isEmpty()) {
                anyWeekdayHours = true;
            }
        }
        if (!anyWeekdayHours) {
            found.add(new CalendarViolation("weeklyHours", "at least one day from Monday to Friday must have office hours"));
        }
        for (LocalDate holiday : calendar.holidays()) {
            String field = "holidays[" + holiday + "]";
            if (isWeekend(holiday.getDayOfWeek())) {
                found.add(new CalendarViolation(field, "is a " + holiday.getDayOfWeek()
                        + "; holidays list Monday-Friday dates only (weekends are off already)"));
            }
            if (calendar.makeUpWorkdays().contains(holiday)) {
                found.add(new CalendarViolation(field, "is also listed as a make-up working day"));
            }
        }
        List<OfficeInterval> mondayHours = calendar.weeklyHours().getOrDefault(DayOfWeek.MONDAY, List.of());
        for (LocalDate makeUp : calendar.makeUpWorkdays()) {
            String field = "makeUpWorkdays[" + makeUp + "]";
            if (!isWeekend(makeUp.getDayOfWeek())) {
                found.add(new CalendarViolation(field, "is a " + makeUp.getDayOfWeek()
                        + "; a make-up working day must be a Saturday or Sunday"));
            } else if (mondayHours.isEmpty() && calendar.dateHours().getOrDefault(makeUp, List.of()).isEmpty()) {
                found.add(new CalendarViolation(field, "has no office hours: Monday has none and no dateHours are given"));
            }
        }
        for (var entry : calendar.dateHours().entrySet()) {
            LocalDate date = entry.getKey();
            String field = "dateHours[" + date + "]";
            checkIntervals(field, entry.getValue(), found);
            boolean plainWeekend = isWeekend(date.getDayOfWeek()) && !calendar.makeUpWorkdays().contains(date);
            if (calendar.holidays().contains(date) || plainWeekend) {
                found.add(new CalendarViolation(field, "is not a working day; add it to makeUpWorkdays or remove it from holidays"));
            }
        }
        return List.copyOf(found);
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
