package io.siban.feedback;

import io.siban.sla.calendar.WorkingCalendar;
import io.siban.sla.deadline.DeadlineCalculator;
import io.siban.sla.deadline.DeadlineLimit;
import io.siban.sla.deadline.DeadlineRule;
import io.siban.sla.deadline.SlaCards;
import io.siban.sla.deadline.YellowThreshold;

import java.time.Instant;
import java.util.List;

/**
 * A rectification's deadlines on the hall's calendar, pure: 回访 by the same local time on the N-th
 * working day after the rating (like a SAME_DAY item's due), 整改 by close of business on the M-th
 * working day (like a TIME_LIMITED item's); and the instant its card turns yellow.
 */
public record RectificationDues(Instant contactDue, Instant rectifyDue) {

    public static RectificationDues of(WorkingCalendar calendar, Instant openedAt, int contactWorkingDays, int rectifyWorkingDays) {
        Instant contact = DeadlineCalculator.compute(calendar, openedAt, DeadlineRule.WORKING_DAYS_SAME_TIME,
                DeadlineLimit.workingDays(contactWorkingDays), List.of()).due();
        Instant rectify = DeadlineCalculator.compute(calendar, openedAt, DeadlineRule.END_OF_NTH_WORKING_DAY,
                DeadlineLimit.workingDays(rectifyWorkingDays), List.of()).due();
        return new RectificationDues(contact.isAfter(rectify) ? rectify : contact, rectify);
    }

    /**
     * YELLOW from one working day before the rectify due (the warning every TIME_LIMITED case gets)
     * and, while nobody has contacted the citizen, from the contact due; RED from the rectify due.
     */
    public Instant yellowFrom(WorkingCalendar calendar, RectificationState state) {
        Instant warning = SlaCards.yellowFrom(calendar, rectifyDue, YellowThreshold.ONE_WORKING_DAY);
        return state == RectificationState.OPEN && contactDue.isBefore(warning) ? contactDue : warning;
    }
}
