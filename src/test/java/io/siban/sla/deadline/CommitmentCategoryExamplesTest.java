package io.siban.sla.deadline;

import static io.siban.sla.calendar.ChinaCalendars.at;
import static io.siban.sla.calendar.ChinaCalendars.china;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The deadline examples of the four commitment categories (DOMAIN.md), on the official 2026 calendar. */
class CommitmentCategoryExamplesTest {

    private static DeadlineResult deadline(String start, DeadlineRule rule, DeadlineLimit limit) {
        return DeadlineCalculator.compute(china(), at(start), rule, limit, List.of());
    }

    @Test
    void immediateIsThirtyWorkingMinutes() {
        DeadlineLimit thirtyMinutes = DeadlineLimit.workingTime(Duration.ofMinutes(30));
        assertThat(deadline("2026-03-10T10:00", DeadlineRule.WORKING_TIME, thirtyMinutes).due()).isEqualTo(at("2026-03-10T10:30"));
        assertThat(deadline("2026-03-10T11:45", DeadlineRule.WORKING_TIME, thirtyMinutes).due()).isEqualTo(at("2026-03-10T13:15"));
        assertThat(deadline("2026-03-10T16:50", DeadlineRule.WORKING_TIME, thirtyMinutes).due()).isEqualTo(at("2026-03-11T09:20"));
        // Wednesday before National Day: the remaining 15 minutes run on Thursday 8 October
        assertThat(deadline("2026-09-30T16:45", DeadlineRule.WORKING_TIME, thirtyMinutes).due()).isEqualTo(at("2026-10-08T09:15"));
        assertThat(deadline("2026-03-10T10:00", DeadlineRule.WORKING_TIME, thirtyMinutes).workingSecondsBudget()).isEqualTo(1800);
    }

    @Test
    void sameDayIsTheSameTimeOnTheNextWorkingDay() {
        DeadlineLimit oneDay = DeadlineLimit.workingDays(1);
        assertThat(deadline("2026-03-10T10:00", DeadlineRule.WORKING_DAYS_SAME_TIME, oneDay).due()).isEqualTo(at("2026-03-11T10:00"));
        assertThat(deadline("2026-03-10T10:00", DeadlineRule.WORKING_DAYS_SAME_TIME, oneDay).workingSecondsBudget()).isEqualTo(7 * 3600);
    }

    @Test
    void sameDayAcceptedFridayBeforeAMakeUpSaturdayIsDueSaturday() {
        DeadlineLimit oneDay = DeadlineLimit.workingDays(1);
        assertThat(deadline("2026-10-09T15:00", DeadlineRule.WORKING_DAYS_SAME_TIME, oneDay).due()).isEqualTo(at("2026-10-10T15:00"));
        assertThat(deadline("2026-02-13T15:00", DeadlineRule.WORKING_DAYS_SAME_TIME, oneDay).due()).isEqualTo(at("2026-02-14T15:00"));
        assertThat(deadline("2026-02-27T15:00", DeadlineRule.WORKING_DAYS_SAME_TIME, oneDay).due()).isEqualTo(at("2026-02-28T15:00"));
    }

    @Test
    void sameDayAcrossSpringFestivalAndNationalDay() {
        DeadlineLimit oneDay = DeadlineLimit.workingDays(1);
        assertThat(deadline("2026-02-14T10:00", DeadlineRule.WORKING_DAYS_SAME_TIME, oneDay).due()).isEqualTo(at("2026-02-24T10:00"));
        assertThat(deadline("2026-09-30T10:00", DeadlineRule.WORKING_DAYS_SAME_TIME, oneDay).due()).isEqualTo(at("2026-10-08T10:00"));
    }

    @Test
    void timeLimitedIsCloseOfBusinessOnTheNthWorkingDayAfterAcceptance() {
        DeadlineLimit fiveDays = DeadlineLimit.workingDays(5);
        // 9-29, 9-30, (National Day 10-1..10-7), 10-8, 10-9, make-up Saturday 10-10
        assertThat(deadline("2026-09-28T10:00", DeadlineRule.END_OF_NTH_WORKING_DAY, fiveDays).due()).isEqualTo(at("2026-10-10T17:00"));
        // make-up Saturday 2-14, (Spring Festival 2-15..2-23), 2-24, 2-25, 2-26, 2-27
        assertThat(deadline("2026-02-13T16:59", DeadlineRule.END_OF_NTH_WORKING_DAY, fiveDays).due()).isEqualTo(at("2026-02-27T17:00"));
        // Mon 10:00: 6 hours left that day, then five full days of 7 hours
        assertThat(deadline("2026-03-09T10:00", DeadlineRule.END_OF_NTH_WORKING_DAY, fiveDays).workingSecondsBudget()).isEqualTo(41 * 3600);
    }

    @Test
    void proxyAndStatutoryLimitsUseTheSameRule() {
        DeadlineResult statutory = deadline("2026-09-28T10:00", DeadlineRule.END_OF_NTH_WORKING_DAY, DeadlineLimit.workingDays(20));
        assertThat(statutory.due()).isEqualTo(at("2026-10-30T17:00"));
    }
}
