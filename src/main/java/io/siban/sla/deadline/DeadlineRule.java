package io.siban.sla.deadline;

import io.siban.sla.calendar.WorkingCalendar;

/** How a limit turns an acceptance instant into a due instant. */
public enum DeadlineRule {
    /** Working time inside office hours ({@link WorkingCalendar#addWorkingTime}); IMMEDIATE items and special-procedure limits. */
    WORKING_TIME,
    /** Same local time on the N-th working day after the start day ({@link WorkingCalendar#sameTimeNthWorkingDay}); SAME_DAY items (N = 1). */
    WORKING_DAYS_SAME_TIME,
    /** Close of office hours on the N-th working day after the start day ({@link WorkingCalendar#endOfNthWorkingDay}); TIME_LIMITED and PROXY items. */
    END_OF_NTH_WORKING_DAY
}
