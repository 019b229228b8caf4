package io.siban.appointment;

import io.siban.hall.OpeningHours;
import io.siban.sla.calendar.WorkingCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The slots of a date, pure: only on a working day of the hall's calendar (a holiday has none; a 调休
 * weekend working day has its slots, on Monday's hours as the hall serves it), cut from each interval of
 * the day's hours into whole slots of the template's length (a remainder shorter than a slot is left out).
 */
public final class SlotPlan {
    private static final int DAY = 24 * 60;

    private SlotPlan() {
    }

    /** One slot: [start, end). */
    public record Slot(Instant start, Instant end) {
    }

    public static List<Slot> on(LocalDate date, OpeningHours hours, WorkingCalendar calendar, int slotMinutes) {
        if (hours == null || !calendar.isWorkingDay(date)) {
            return List.of();
        }
        boolean makeUp = calendar.definition().makeUpWorkdays().contains(date);
        return cut(date, hours.on(date, makeUp ? OpeningHours.Day.MAKE_UP : OpeningHours.Day.WORKING), calendar.zone(), slotMinutes);
    }

    static List<Slot> cut(LocalDate date, List<OpeningHours.Span> spans, ZoneId zone, int slotMinutes) {
        List<Slot> slots = new ArrayList<>();
        for (OpeningHours.Span span : spans) {
            for (int from = span.from(); from + slotMinutes <= span.to(); from += slotMinutes) {
                slots.add(new Slot(at(date, from, zone), at(date, from + slotMinutes, zone)));
            }
        }
        return slots;
    }

    private static Instant at(LocalDate date, int minute, ZoneId zone) {
        return minute >= DAY ? ZonedDateTime.of(date.plusDays(1), LocalTime.MIDNIGHT, zone).toInstant()
                : ZonedDateTime.of(date, LocalTime.of(minute / 60, minute % 60), zone).toInstant();
    }

    /** The slot of the date that starts at {@code start}, or null. */
    public static Slot starting(List<Slot> slots, Instant start) {
        return slots.stream().filter(s -> s.start().equals(start)).findFirst().orElse(null);
    }
}
