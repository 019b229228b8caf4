package io.siban.sla.calendar;

/**
 * One broken rule in a {@link CalendarDefinition}. {@code field} names the offending part, e.g.
 * {@code weeklyHours.MONDAY[1]}, {@code holidays[2026-10-03]}, {@code makeUpWorkdays[2026-10-09]},
 * {@code dateHours[2026-10-10][0]}; {@code message} says what is wrong in plain words.
 */
public record CalendarViolation(String field, String message) {
}
