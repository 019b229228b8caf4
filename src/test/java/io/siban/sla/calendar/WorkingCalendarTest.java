package io.siban.sla.calendar;

import static io.siban.sla.calendar.ChinaCalendars.at;
import static io.siban.sla.calendar.ChinaCalendars.china;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {

    private final WorkingCalendar calendar = china();

    @Nested
    class WorkingDays {

        @Test
        void weekdaysWorkUnlessHoliday() {
            assertThat(calendar.isWorkingDay(LocalDate.parse("2026-03-10"))).isTrue();
            assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-01"))).isFalse();
            assertThat(calendar.hoursOn(LocalDate.parse("2026-10-01"))).isEmpty();
        }

        @Test
        void weekendsWorkOnlyAsMakeUpDaysWithMondayHours() {
            assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-10"))).isTrue();
            assertThat(calendar.hoursOn(LocalDate.parse("2026-10-10"))).isEqualTo(CalendarDefinition.CHINA_HALL_HOURS);
            assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-11"))).isFalse();
        }

        @Test
        void makeUpDayTakesItsOwnHoursWhenGiven() {
            List<OfficeInterval> morning = List.of(OfficeInterval.of("09:00", "12:00"));
            WorkingCalendar shortSaturday = WorkingCalendar.of(
                    ChinaCalendars.definition().withDateHours(LocalDate.parse("2026-10-10"), morning));
            assertThat(shortSaturday.hoursOn(LocalDate.parse("2026-10-10"))).isEqualTo(morning);
            assertThat(shortSaturday.endOfNthWorkingDay(at("2026-10-09T10:00"), 1)).isEqualTo(at("2026-10-10T12:00"));
        }

        @Test
        void aDayWithoutOfficeHoursIsNotAWorkingDay() {
            WorkingCalendar closedWednesday = WorkingCalendar.of(
                    ChinaCalendars.definition().withDateHours(LocalDate.parse("2026-03-11"), List.of()));
            assertThat(closedWednesday.isWorkingDay(LocalDate.parse("2026-03-11"))).isFalse();
            assertThat(closedWednesday.endOfNthWorkingDay(at("2026-03-10T10:00"), 1)).isEqualTo(at("2026-03-12T17:00"));
        }

        @Test
        void workingDatesAreInclusiveAcrossNationalDay() {
            assertThat(calendar.workingDates(LocalDate.parse("2026-09-28"), LocalDate.parse("2026-10-12")))
                    .extracting(LocalDate::toString)
                    .containsExactly("2026-09-28", "2026-09-29", "2026-09-30", "2026-10-08", "2026-10-09", "2026-10-10", "2026-10-12");
            assertThat(calendar.workingDates(LocalDate.parse("2026-10-12"), LocalDate.parse("2026-10-01"))).isEmpty();
        }

        @Test
        void nthWorkingDayBeforeAndAfterSkipTheGivenDate() {
            assertThat(calendar.nthWorkingDayAfter(LocalDate.parse("2026-09-30"), 1)).isEqualTo(LocalDate.parse("2026-10-08"));
            assertThat(calendar.nthWorkingDayBefore(LocalDate.parse("2026-10-08"), 1)).isEqualTo(LocalDate.parse("2026-09-30"));
            assertThat(calendar.nthWorkingDayBefore(LocalDate.parse("2026-10-11"), 1)).isEqualTo(LocalDate.parse("2026-10-10"));
            assertThat(calendar.nthWorkingDayBefore(LocalDate.parse("2026-01-05"), 2)).isEqualTo(LocalDate.parse("2025-12-31"));
        }
    }

    @Nested
    class OfficeHours {

        @Test
        void openingIsInsideClosingIsOutside() {
            assertThat(calendar.isOfficeHours(at("2026-03-10T09:00"))).isTrue();
            assertThat(calendar.isOfficeHours(at("2026-03-10T08:59:59"))).isFalse();
            assertThat(calendar.isOfficeHours(at("2026-03-10T11:59:59"))).isTrue();
            assertThat(calendar.isOfficeHours(at("2026-03-10T12:00"))).isFalse();
            assertThat(calendar.isOfficeHours(at("2026-03-10T17:00"))).isFalse();
            assertThat(calendar.isOfficeHours(at("2026-10-10T10:00"))).isTrue();
            assertThat(calendar.isOfficeHours(at("2026-10-01T10:00"))).isFalse();
        }

        @Test
        void nextOpening() {
            assertThat(calendar.nextOpening(at("2026-03-10T10:00"))).isEqualTo(at("2026-03-10T10:00"));
            assertThat(calendar.nextOpening(at("2026-03-10T08:00"))).isEqualTo(at("2026-03-10T09:00"));
            assertThat(calendar.nextOpening(at("2026-03-10T12:00"))).isEqualTo(at("2026-03-10T13:00"));
            assertThat(calendar.nextOpening(at("2026-03-10T17:00"))).isEqualTo(at("2026-03-11T09:00"));
            assertThat(calendar.nextOpening(at("2026-09-30T17:00"))).isEqualTo(at("2026-10-08T09:00"));
            assertThat(calendar.nextOpening(at("2026-12-31T17:30"))).isEqualTo(at("2027-01-01T09:00"));
        }

        @Test
        void closingOnAWorkingDay() {
            assertThat(calendar.closingOn(LocalDate.parse("2026-10-10"))).isEqualTo(at("2026-10-10T17:00"));
            assertThatThrownBy(() -> calendar.closingOn(LocalDate.parse("2026-10-11"))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class AddWorkingTime {

        private java.time.Instant plus(String start, Duration workingTime) {
            return calendar.addWorkingTime(at(start), workingTime);
        }

        @Test
        void startBeforeOpeningBeginsAtOpening() {
            assertThat(plus("2026-03-10T08:00", Duration.ofMinutes(30))).isEqualTo(at("2026-03-10T09:30"));
            assertThat(plus("2026-03-10T09:00", Duration.ofMinutes(30))).isEqualTo(at("2026-03-10T09:30"));
        }

        @Test
        void lunchBreakDoesNotCount() {
            assertThat(plus("2026-03-10T12:30", Duration.ofMinutes(30))).isEqualTo(at("2026-03-10T13:30"));
            assertThat(plus("2026-03-10T11:30", Duration.ofHours(1))).isEqualTo(at("2026-03-10T13:30"));
        }

        @Test
        void budgetRunningOutAtAClosingTimeEndsAtThatClosingTime() {
            assertThat(plus("2026-03-10T11:30", Duration.ofMinutes(30))).isEqualTo(at("2026-03-10T12:00"));
            assertThat(plus("2026-03-10T16:00", Duration.ofHours(1))).isEqualTo(at("2026-03-10T17:00"));
            assertThat(plus("2026-03-10T09:00", Duration.ofHours(7))).isEqualTo(at("2026-03-10T17:00"));
        }

        @Test
        void startAtClosingContinuesNextWorkingDay() {
            assertThat(plus("2026-03-10T17:00", Duration.ofMinutes(30))).isEqualTo(at("2026-03-11T09:30"));
            assertThat(plus("2026-03-13T16:00", Duration.ofHours(2))).isEqualTo(at("2026-03-16T10:00"));
        }

        @Test
        void holidaysAndMakeUpDays() {
            assertThat(plus("2026-10-01T10:00", Duration.ofHours(1))).isEqualTo(at("2026-10-08T10:00"));
            assertThat(plus("2026-10-10T10:00", Duration.ofHours(1))).isEqualTo(at("2026-10-10T11:00"));
            assertThat(plus("2026-10-11T10:00", Duration.ofHours(1))).isEqualTo(at("2026-10-12T10:00"));
            assertThat(plus("2026-10-09T16:00", Duration.ofHours(2))).isEqualTo(at("2026-10-10T10:00"));
        }

        @Test
        void acrossNewYear2026AndSpringFestival2026() {
            // 1-1, 1-2 holidays, 1-3 Saturday off, 1-4 make-up Sunday
            assertThat(plus("2025-12-31T16:00", Duration.ofHours(2))).isEqualTo(at("2026-01-04T10:00"));
            // make-up Saturday 2-14 (budget runs out at its closing), then 2-15..2-23 off
            assertThat(plus("2026-02-13T16:00", Duration.ofHours(8))).isEqualTo(at("2026-02-14T17:00"));
            assertThat(plus("2026-02-13T16:00", Duration.ofHours(9))).isEqualTo(at("2026-02-24T10:00"));
        }

        @Test
        void zeroIsTheNextOpeningAndNegativeIsRejected() {
            assertThat(plus("2026-03-10T12:15", Duration.ZERO)).isEqualTo(at("2026-03-10T13:00"));
            assertThat(plus("2026-03-10T10:15", Duration.ZERO)).isEqualTo(at("2026-03-10T10:15"));
            assertThatThrownBy(() -> plus("2026-03-10T10:00", Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void resolutionIsTheSecond() {
            assertThat(calendar.addWorkingTime(at("2026-03-10T10:00").plusMillis(999), Duration.ofMillis(1999)))
                    .isEqualTo(at("2026-03-10T10:00:01"));
        }

        @Test
        void yearsOutsideTheShippedDataAreBuiltOnDemand() {
            WorkingCalendar plain = WorkingCalendar.of(CalendarDefinition.chinaServiceHall(Set.of(), Set.of()));
            for (int year : new int[] {1850, 2480}) {
                LocalDate tuesday = LocalDate.of(year, 3, 1).with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY));
                assertThat(plain.addWorkingTime(at(tuesday + "T16:00"), Duration.ofHours(2))).isEqualTo(at(tuesday.plusDays(1) + "T10:00"));
                assertThat(plain.endOfNthWorkingDay(at(tuesday + "T16:00"), 4)).isEqualTo(at(tuesday.plusDays(6) + "T17:00"));
            }
        }
    }

    @Nested
    class SubtractAndBetween {

        @Test
        void workingTimeBetweenCountsOnlyOfficeHours() {
            assertThat(calendar.workingTimeBetween(at("2026-03-10T09:00"), at("2026-03-10T17:00"))).isEqualTo(Duration.ofHours(7));
            assertThat(calendar.workingTimeBetween(at("2026-03-13T16:00"), at("2026-03-16T10:00"))).isEqualTo(Duration.ofHours(2));
            assertThat(calendar.workingTimeBetween(at("2026-09-30T09:00"), at("2026-10-12T09:00"))).isEqualTo(Duration.ofHours(4 * 7));
            assertThat(calendar.workingTimeBetween(at("2026-03-10T17:00"), at("2026-03-10T09:00"))).isZero();
        }

        @Test
        void subtractGivesTheEarliestInstantWithThatMuchLeft() {
            assertThat(calendar.subtractWorkingTime(at("2026-03-11T10:00"), Duration.ofHours(2))).isEqualTo(at("2026-03-10T16:00"));
            assertThat(calendar.subtractWorkingTime(at("2026-03-11T11:00"), Duration.ofHours(2))).isEqualTo(at("2026-03-10T17:00"));
            assertThat(calendar.subtractWorkingTime(at("2026-10-08T10:00"), Duration.ofHours(2))).isEqualTo(at("2026-09-30T16:00"));
            assertThat(calendar.subtractWorkingTime(at("2026-01-04T10:00"), Duration.ofHours(2))).isEqualTo(at("2025-12-31T16:00"));
            assertThatThrownBy(() -> calendar.subtractWorkingTime(at("2026-03-10T10:00"), Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class EndOfNthWorkingDay {

        @Test
        void startDateNeverCounts() {
            assertThat(calendar.endOfNthWorkingDay(at("2026-03-10T00:00"), 1)).isEqualTo(at("2026-03-11T17:00"));
            assertThat(calendar.endOfNthWorkingDay(at("2026-03-10T23:59:59"), 1)).isEqualTo(at("2026-03-11T17:00"));
            assertThat(calendar.endOfNthWorkingDay(at("2026-10-03T10:00"), 1)).isEqualTo(at("2026-10-08T17:00"));
            assertThat(calendar.endOfNthWorkingDay(at("2026-10-10T10:00"), 1)).isEqualTo(at("2026-10-12T17:00"));
        }

        @Test
        void acrossTheYearEnd() {
            assertThat(calendar.endOfNthWorkingDay(at("2025-12-31T10:00"), 1)).isEqualTo(at("2026-01-04T17:00"));
            assertThat(calendar.endOfNthWorkingDay(at("2026-12-30T10:00"), 3)).isEqualTo(at("2027-01-04T17:00"));
        }

        @Test
        void zeroDaysAreRejected() {
            assertThatThrownBy(() -> calendar.endOfNthWorkingDay(at("2026-03-10T10:00"), 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> calendar.sameTimeNthWorkingDay(at("2026-03-10T10:00"), 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class SameTimeNthWorkingDay {

        @Test
        void sameLocalTime() {
            assertThat(calendar.sameTimeNthWorkingDay(at("2026-03-10T10:00"), 1)).isEqualTo(at("2026-03-11T10:00"));
            assertThat(calendar.sameTimeNthWorkingDay(at("2026-03-10T10:00"), 3)).isEqualTo(at("2026-03-13T10:00"));
            assertThat(calendar.sameTimeNthWorkingDay(at("2026-09-30T09:00"), 1)).isEqualTo(at("2026-10-08T09:00"));
        }

        @Test
        void outsideOfficeHoursMovesToTheNextOfficeHoursInstant() {
            assertThat(calendar.sameTimeNthWorkingDay(at("2026-03-10T08:00"), 1)).isEqualTo(at("2026-03-11T09:00"));
            assertThat(calendar.sameTimeNthWorkingDay(at("2026-03-10T12:30"), 1)).isEqualTo(at("2026-03-11T13:00"));
            assertThat(calendar.sameTimeNthWorkingDay(at("2026-03-10T17:30"), 1)).isEqualTo(at("2026-03-12T09:00"));
            assertThat(calendar.sameTimeNthWorkingDay(at("2026-10-09T18:00"), 1)).isEqualTo(at("2026-10-12T09:00"));
        }

        @Test
        void startAtAClosingTimeCountsFromTheNextOpening() {
            assertThat(calendar.sameTimeNthWorkingDay(at("2026-03-10T16:59:59"), 1)).isEqualTo(at("2026-03-11T16:59:59"));
            assertThat(calendar.sameTimeNthWorkingDay(at("2026-03-10T17:00"), 1)).isEqualTo(at("2026-03-12T09:00"));
            assertThat(calendar.sameTimeNthWorkingDay(at("2026-03-10T12:00"), 1)).isEqualTo(at("2026-03-11T13:00"));
        }

        @Test
        void startOnANonWorkingDayGetsAFullWorkingDay() {
            assertThat(calendar.sameTimeNthWorkingDay(at("2026-02-16T10:00"), 1)).isEqualTo(at("2026-02-25T09:00"));
            assertThat(calendar.sameTimeNthWorkingDay(at("2026-03-14T10:00"), 1)).isEqualTo(at("2026-03-17T09:00"));
            assertThat(calendar.workingTimeBetween(at("2026-03-14T10:00"), at("2026-03-17T09:00"))).isEqualTo(Duration.ofHours(7));
        }

        @Test
        void differentHoursOnTheTargetDay() {
            WorkingCalendar shortSaturday = WorkingCalendar.of(ChinaCalendars.definition()
                    .withDateHours(LocalDate.parse("2026-10-10"), List.of(OfficeInterval.of("09:00", "12:00"))));
            assertThat(shortSaturday.sameTimeNthWorkingDay(at("2026-10-09T11:00"), 1)).isEqualTo(at("2026-10-10T11:00"));
            assertThat(shortSaturday.sameTimeNthWorkingDay(at("2026-10-09T15:00"), 1)).isEqualTo(at("2026-10-12T09:00"));
        }
    }
}
