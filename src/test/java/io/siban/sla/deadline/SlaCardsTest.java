package io.siban.sla.deadline;

import static io.siban.sla.calendar.ChinaCalendars.at;
import static io.siban.sla.calendar.ChinaCalendars.china;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlaCardsTest {

    /** TIME_LIMITED accepted Mon 2026-09-28 10:00: committed 5 days, statutory 20 days. */
    private static final Instant COMMITTED = at("2026-10-10T17:00");
    private static final Instant STATUTORY = at("2026-10-30T17:00");

    private static SlaCard card(String now) {
        return SlaCards.evaluate(china(), at(now), COMMITTED, STATUTORY, YellowThreshold.ONE_WORKING_DAY);
    }

    @Test
    void timeLimitedCardsAroundTheMakeUpSaturday() {
        assertThat(SlaCards.yellowFrom(china(), COMMITTED, YellowThreshold.ONE_WORKING_DAY)).isEqualTo(at("2026-10-09T17:00"));
        assertThat(card("2026-09-28T10:00")).isEqualTo(SlaCard.GREEN);
        assertThat(card("2026-10-09T16:59:59")).isEqualTo(SlaCard.GREEN);
        assertThat(card("2026-10-09T17:00")).isEqualTo(SlaCard.YELLOW);
        assertThat(card("2026-10-10T16:59:59")).isEqualTo(SlaCard.YELLOW);
        assertThat(card("2026-10-10T17:00")).isEqualTo(SlaCard.RED);
        assertThat(card("2026-10-30T16:59:59")).isEqualTo(SlaCard.RED);
        assertThat(card("2026-10-30T17:00")).isEqualTo(SlaCard.LEGAL_BREACH);
    }

    @Test
    void oneWorkingDayThresholdSkipsHolidays() {
        assertThat(SlaCards.yellowFrom(china(), at("2026-10-08T17:00"), YellowThreshold.ONE_WORKING_DAY)).isEqualTo(at("2026-09-30T17:00"));
        assertThat(SlaCards.yellowFrom(china(), at("2026-03-11T10:00"), YellowThreshold.ONE_WORKING_DAY)).isEqualTo(at("2026-03-10T10:00"));
        assertThat(SlaCards.yellowFrom(china(), at("2026-10-12T17:00"), YellowThreshold.ONE_WORKING_DAY)).isEqualTo(at("2026-10-10T17:00"));
    }

    @Test
    void sameDayTurnsYellowTwoWorkingHoursBeforeTheDue() {
        Instant due = at("2026-03-11T10:00");
        assertThat(SlaCards.yellowFrom(china(), due, YellowThreshold.TWO_WORKING_HOURS)).isEqualTo(at("2026-03-10T16:00"));
        assertThat(SlaCards.evaluate(china(), at("2026-03-10T15:59:59"), due, null, Duration.ofHours(2))).isEqualTo(SlaCard.GREEN);
        assertThat(SlaCards.evaluate(china(), at("2026-03-10T16:00"), due, null, Duration.ofHours(2))).isEqualTo(SlaCard.YELLOW);
        assertThat(SlaCards.evaluate(china(), at("2026-03-10T20:00"), due, null, Duration.ofHours(2))).isEqualTo(SlaCard.YELLOW);
        assertThat(SlaCards.evaluate(china(), due, due, null, Duration.ofHours(2))).isEqualTo(SlaCard.RED);
    }

    @Test
    void yellowStartsAtTheClosingWhenTheThresholdReachesBackToAnOpening() {
        // exactly 2 working hours are left from Tue 17:00 already
        assertThat(SlaCards.yellowFrom(china(), at("2026-03-11T11:00"), YellowThreshold.TWO_WORKING_HOURS)).isEqualTo(at("2026-03-10T17:00"));
    }

    @Test
    void yellowMatchesRemainingWorkingTime() {
        Instant due = at("2026-10-12T10:00");
        Instant yellow = SlaCards.yellowFrom(china(), due, YellowThreshold.TWO_WORKING_HOURS);
        assertThat(yellow).isEqualTo(at("2026-10-10T16:00"));
        assertThat(DeadlineCalculator.remainingWorkingSeconds(china(), yellow, due)).isEqualTo(7200);
        assertThat(DeadlineCalculator.remainingWorkingSeconds(china(), yellow.minusSeconds(1), due)).isEqualTo(7201);
    }
}
