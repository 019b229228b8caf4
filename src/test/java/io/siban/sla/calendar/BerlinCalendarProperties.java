package io.siban.sla.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The working-time invariants over an irregular Europe/Berlin calendar: hours differ per weekday,
 * Monday's hours include the night hours in which the clocks change, and the change-over Sundays of
 * 2025 and 2026 are make-up days (so they take Monday's hours, across a DST gap or overlap).
 */
class BerlinCalendarProperties extends WorkingCalendarProperties {

    private static final WorkingCalendar BERLIN = WorkingCalendar.of(new CalendarDefinition(
            ZoneId.of("Europe/Berlin"),
            Map.of(
                    DayOfWeek.MONDAY, List.of(OfficeInterval.of("01:00", "04:00"), OfficeInterval.of("09:00", "17:00")),
                    DayOfWeek.TUESDAY, List.of(OfficeInterval.of("07:30", "12:00"), OfficeInterval.of("13:00", "18:30")),
                    DayOfWeek.WEDNESDAY, List.of(OfficeInterval.of("08:00", "24:00")),
                    DayOfWeek.FRIDAY, List.of(OfficeInterval.of("00:00", "00:00:01"), OfficeInterval.of("10:00", "12:00"))),
            Set.of(LocalDate.parse("2025-12-24"), LocalDate.parse("2025-12-25"), LocalDate.parse("2026-12-25")),
            Set.of(LocalDate.parse("2025-03-30"), LocalDate.parse("2025-10-26"), LocalDate.parse("2026-03-29"),
                    LocalDate.parse("2026-10-25"), LocalDate.parse("2026-06-06")),
            Map.of(LocalDate.parse("2026-06-06"), List.of(OfficeInterval.of("10:00", "11:00")))));

    @Override
    WorkingCalendar calendar() {
        return BERLIN;
    }
}
