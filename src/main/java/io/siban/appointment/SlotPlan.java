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
 * the day's hours into whole slots of the template's length (a remainder shorter than a slot is left out);
 * a template's own hours are clipped to the hall's service hours of the date.
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
        return cut(date, spans(date, hours, calendar), calendar.zone(), slotMinutes);
    }

    /**
     * The slots a template's own hours give on a working day, kept only where the hall serves on that date
     * (its weekly hours and its exceptions, a closure included), since a booking is checked in at the hall:
     * a slot outside the hall's hours could be booked and never used. A hall without hours keeps them all.
     */
    public static List<Slot> on(LocalDate date, OpeningHours own, OpeningHours hall, WorkingCalendar calendar, int slotMinutes) {
        List<Slot> slots = on(date, own, calendar, slotMinutes);
        if (hall == null || slots.isEmpty()) {
            return slots;
        }
        List<Slot> served = spans(date, hall, calendar).stream()
                .map(span -> new Slot(at(date, span.from(), calendar.zone()), at(date, span.to(), calendar.zone()))).toList();
        return slots.stream().filter(slot -> served.stream()
                .anyMatch(open -> !slot.start().isBefore(open.start()) && !slot.end().isAfter(open.end()))).toList();
    }

    private static List<OpeningHours.Span> spans(LocalDate date, OpeningHours hours, WorkingCalendar calendar) {
        boolean makeUp = calendar.definition().makeUpWorkdays().contains(date);
        return hours.on(date, makeUp ? OpeningHours.Day.MAKE_UP : OpeningHours.Day.WORKING);
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
