package io.siban.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Europe/Berlin 2026: clocks go 02:00 → 03:00 on Sun 29 March and 03:00 → 02:00 on Sun 25 October. */
class DaylightSavingTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate SPRING_FORWARD = LocalDate.parse("2026-03-29");
    private static final LocalDate FALL_BACK = LocalDate.parse("2026-10-25");

    private final WorkingCalendar office = WorkingCalendar.of(CalendarDefinition.weekdays(BERLIN,
            List.of(OfficeInterval.of("08:00", "16:00")), Set.of(), Set.of()));
    /** Round the clock, with both change-over Sundays as make-up days. */
    private final WorkingCalendar roundTheClock = WorkingCalendar.of(CalendarDefinition.weekdays(BERLIN,
            List.of(OfficeInterval.of("00:00", "24:00")), Set.of(), Set.of(SPRING_FORWARD, FALL_BACK)));

    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    @Test
    void officeHoursAreWallClockAcrossTheChange() {
        assertThat(office.addWorkingTime(berlin("2026-03-27T15:00"), Duration.ofHours(2))).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
        assertThat(office.workingTimeBetween(berlin("2026-03-27T08:00"), berlin("2026-03-30T16:00"))).isEqualTo(Duration.ofHours(16));
        assertThat(office.endOfNthWorkingDay(berlin("2026-03-27T10:00"), 1)).isEqualTo(Instant.parse("2026-03-30T14:00:00Z"));
        assertThat(office.sameTimeNthWorkingDay(Instant.parse("2026-10-23T08:00:00Z"), 1)).isEqualTo(Instant.parse("2026-10-26T09:00:00Z"));
        assertThat(office.isOfficeHours(Instant.parse("2026-10-26T07:00:00Z"))).isTrue();
        assertThat(office.isOfficeHours(Instant.parse("2026-10-26T06:59:59Z"))).isFalse();
    }

    @Test
    void changeOverDaysAreShorterAndLongerInRealTime() {
        assertThat(roundTheClock.workingTimeBetween(berlin("2026-03-29T00:00"), berlin("2026-03-30T00:00"))).isEqualTo(Duration.ofHours(23));
        assertThat(roundTheClock.workingTimeBetween(berlin("2026-10-25T00:00"), berlin("2026-10-26T00:00"))).isEqualTo(Duration.ofHours(25));
        assertThat(roundTheClock.endOfNthWorkingDay(berlin("2026-03-28T10:00"), 1)).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    }

    @Test
    void wallClockTimeInAGapMovesLaterByTheGap() {
        assertThat(roundTheClock.sameTimeNthWorkingDay(berlin("2026-03-27T02:30"), 1)).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void wallClockTimeInAnOverlapTakesTheEarlierOffset() {
        assertThat(roundTheClock.sameTimeNthWorkingDay(berlin("2026-10-23T02:30"), 1)).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void addingAcrossTheGapCountsRealTime() {
        assertThat(roundTheClock.addWorkingTime(berlin("2026-03-29T01:30"), Duration.ofHours(1))).isEqualTo(berlin("2026-03-29T03:30"));
        assertThat(roundTheClock.addWorkingTime(Instant.parse("2026-10-25T00:30:00Z"), Duration.ofHours(1)))
                .isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
    }
}
