package io.siban.sla.calendar;

import java.util.List;

/** Thrown by {@link WorkingCalendar#of(CalendarDefinition)} when the definition has violations. */
public final class InvalidCalendarException extends IllegalArgumentException {

    private final transient List<CalendarViolation> violations;

    /** An exception listing {@code violations} (copied). */
    public InvalidCalendarException(List<CalendarViolation> violations) {
        super("invalid working calendar: " + violations);
        this.violations = List.copyOf(violations);
    }

    /** Every violation found, in a stable order (weekly hours, holidays, make-up days, date hours). */
    public List<CalendarViolation> violations() {
        return violations;
    }
}
