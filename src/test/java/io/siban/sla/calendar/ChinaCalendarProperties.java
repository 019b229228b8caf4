package io.siban.sla.calendar;

/** The working-time invariants over the shipped official 2025–2026 China calendar. */
class ChinaCalendarProperties extends WorkingCalendarProperties {

    @Override
    WorkingCalendar calendar() {
        return ChinaCalendars.china();
    }
}
