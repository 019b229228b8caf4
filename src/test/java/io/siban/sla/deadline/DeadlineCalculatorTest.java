package io.siban.sla.deadline;

import static io.siban.sla.calendar.ChinaCalendars.at;
import static io.siban.sla.calendar.ChinaCalendars.china;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TIME_LIMITED, 5 working days, accepted Mon 2026-03-09 10:00: nominally due Mon 2026-03-16 17:00. */
class DeadlineCalculatorTest {

    private static final Instant ACCEPTED = at("2026-03-09T10:00");
    private static final Instant NOMINAL_DUE = at("2026-03-16T17:00");
    private static final long BUDGET = 41 * 3600;

    private static DeadlineResult withPauses(Pause... pauses) {
        return DeadlineCalculator.compute(china(), ACCEPTED, DeadlineRule.END_OF_NTH_WORKING_DAY,
                DeadlineLimit.workingDays(5), List.of(pauses));
    }

    private static Pause pause(String from, String to) {
        return new Pause(at(from), at(to));
    }

    @Test
    void withoutPausesTheDueIsNominal() {
        assertThat(withPauses()).isEqualTo(new DeadlineResult(NOMINAL_DUE, BUDGET, 0));
    }

    @Test
    void pauseOverANightCountsOnlyOfficeHours() {
        // Tue 15-17 and Wed 9-11: four working hours
        assertThat(withPauses(pause("2026-03-10T15:00", "2026-03-11T11:00")))
                .isEqualTo(new DeadlineResult(at("2026-03-17T14:00"), BUDGET, 4 * 3600));
    }

    @Test
    void pauseOverAWeekendCountsOnlyOfficeHours() {
        assertThat(withPauses(pause("2026-03-13T16:00", "2026-03-16T10:00")).due()).isEqualTo(at("2026-03-17T11:00"));
    }

    @Test
    void overlappingPausesCountOnce() {
        DeadlineResult result = withPauses(pause("2026-03-10T15:00", "2026-03-11T11:00"), pause("2026-03-11T10:00", "2026-03-11T12:00"));
        assertThat(result.pausedWorkingSeconds()).isEqualTo(5 * 3600);
        assertThat(result.due()).isEqualTo(at("2026-03-17T15:00"));
        assertThat(withPauses(pause("2026-03-11T10:00", "2026-03-11T12:00"), pause("2026-03-10T15:00", "2026-03-11T11:00")))
                .isEqualTo(result);
    }

    @Test
    void pausesBeforeTheStartOrOutsideOfficeHoursMoveNothing() {
        assertThat(withPauses(pause("2026-03-06T10:00", "2026-03-06T12:00"), pause("2026-03-09T08:00", "2026-03-09T09:30")).due())
                .isEqualTo(NOMINAL_DUE);
        assertThat(withPauses(pause("2026-03-14T08:00", "2026-03-15T20:00"), pause("2026-03-10T12:00", "2026-03-10T13:00")).due())
                .isEqualTo(NOMINAL_DUE);
    }

    @Test
    void pauseSpanningTheStartCountsFromTheStart() {
        assertThat(withPauses(pause("2026-03-09T09:00", "2026-03-09T11:00")))
                .isEqualTo(new DeadlineResult(at("2026-03-17T10:00"), BUDGET, 3600));
    }

    @Test
    void pauseRunningPastTheNominalDueKeepsMovingIt() {
        // 2 hours were left when the pause began; they run from Wed 10:00 after it ends
        assertThat(withPauses(pause("2026-03-16T15:00", "2026-03-18T10:00")))
                .isEqualTo(new DeadlineResult(at("2026-03-18T12:00"), BUDGET, 10 * 3600));
    }

    @Test
    void laterPausesCountOnceAnEarlierPauseHasMovedTheDue() {
        // the first pause moves the due to Tue 17 14:00, so a pause starting Tue 17 09:00 counts too
        DeadlineResult result = withPauses(pause("2026-03-10T15:00", "2026-03-11T11:00"), pause("2026-03-17T09:00", "2026-03-17T10:00"));
        assertThat(result.due()).isEqualTo(at("2026-03-17T15:00"));
        assertThat(result.pausedWorkingSeconds()).isEqualTo(5 * 3600);
    }

    @Test
    void pauseStartingAtOrAfterTheDueMovesNothing() {
        assertThat(withPauses(pause("2026-03-16T17:00", "2026-03-17T12:00")).due()).isEqualTo(NOMINAL_DUE);
        assertThat(withPauses(pause("2026-03-17T09:00", "2026-03-17T10:00")).due()).isEqualTo(NOMINAL_DUE);
    }

    @Test
    void pauseBeginningWithNothingLeftEndsNoEarlierThanTheNextOpeningAfterIt() {
        DeadlineResult result = DeadlineCalculator.compute(china(), at("2026-03-10T09:00"), DeadlineRule.WORKING_DAYS_SAME_TIME,
                DeadlineLimit.workingDays(1), List.of(pause("2026-03-10T17:30", "2026-03-14T12:00")));
        assertThat(result).isEqualTo(new DeadlineResult(at("2026-03-16T09:00"), 7 * 3600, 21 * 3600));
    }

    @Test
    void runningPauseIsClosedAtNow() {
        DeadlineResult result = DeadlineCalculator.compute(china(), ACCEPTED, DeadlineRule.END_OF_NTH_WORKING_DAY,
                DeadlineLimit.workingDays(5), List.of(Pause.running(at("2026-03-10T15:00"))), at("2026-03-11T11:00"));
        assertThat(result.due()).isEqualTo(at("2026-03-17T14:00"));
        assertThatThrownBy(() -> withPauses(Pause.running(at("2026-03-10T15:00")))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pausesAcrossNationalDay() {
        // accepted Mon 9-28 10:00, 5 days → make-up Saturday 10-10 17:00; a supplement request 9-30 14:00 → 10-09 11:00
        // pauses Wed 14-17 (3h) and Thu 10-8 (7h) and Fri 9-11 (2h): 12 working hours
        DeadlineResult result = DeadlineCalculator.compute(china(), at("2026-09-28T10:00"), DeadlineRule.END_OF_NTH_WORKING_DAY,
                DeadlineLimit.workingDays(5), List.of(pause("2026-09-30T14:00", "2026-10-09T11:00")));
        assertThat(result.pausedWorkingSeconds()).isEqualTo(12 * 3600);
        assertThat(result.due()).isEqualTo(at("2026-10-13T15:00"));
    }

    @Test
    void workingTimeRuleWithPauses() {
        DeadlineResult result = DeadlineCalculator.compute(china(), at("2026-03-10T16:50"), DeadlineRule.WORKING_TIME,
                DeadlineLimit.workingTime(Duration.ofMinutes(30)), List.of(pause("2026-03-11T09:00", "2026-03-11T09:10")));
        assertThat(result).isEqualTo(new DeadlineResult(at("2026-03-11T09:30"), 1800, 600));
    }

    @Test
    void limitMustFitTheRule() {
        assertThatThrownBy(() -> DeadlineCalculator.compute(china(), ACCEPTED, DeadlineRule.WORKING_TIME, DeadlineLimit.workingDays(5), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeadlineCalculator.compute(china(), ACCEPTED, DeadlineRule.END_OF_NTH_WORKING_DAY,
                DeadlineLimit.workingTime(Duration.ofHours(1)), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroAndNegativeLimitsAndBackwardPausesAreRejected() {
        assertThatThrownBy(() -> DeadlineLimit.workingDays(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeadlineLimit.workingTime(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeadlineLimit.workingTime(Duration.ofMinutes(-5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pause("2026-03-10T10:00", "2026-03-10T09:00")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void remainingIsSignedWorkingTime() {
        assertThat(DeadlineCalculator.remainingWorkingSeconds(china(), at("2026-03-16T16:00"), NOMINAL_DUE)).isEqualTo(3600);
        assertThat(DeadlineCalculator.remainingWorkingSeconds(china(), NOMINAL_DUE, NOMINAL_DUE)).isZero();
        assertThat(DeadlineCalculator.remainingWorkingSeconds(china(), at("2026-03-17T10:00"), NOMINAL_DUE)).isEqualTo(-3600);
        assertThat(DeadlineCalculator.remainingWorkingSeconds(china(), ACCEPTED, NOMINAL_DUE)).isEqualTo(BUDGET);
    }
}
