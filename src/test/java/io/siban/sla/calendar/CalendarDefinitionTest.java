package io.siban.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CalendarDefinitionTest {

    private static CalendarDefinition withMonday(List<OfficeInterval> hours) {
        return new CalendarDefinition(CalendarDefinition.CHINA_ZONE, Map.of(DayOfWeek.MONDAY, hours), Set.of(), Set.of(), Map.of());
    }

    @Test
    void theShippedCalendarIsValid() {
        assertThat(ChinaCalendars.definition().violations()).isEmpty();
    }

    @Test
    void intervalsMustOpenBeforeTheyClose() {
        assertThat(withMonday(List.of(OfficeInterval.of("12:00", "09:00"))).violations())
                .containsExactly(new CalendarViolation("weeklyHours.MONDAY[0]", "opening 12:00 must be before closing 09:00"));
        assertThat(withMonday(List.of(OfficeInterval.of("09:00", "09:00"))).violations()).hasSize(1);
    }

    @Test
    void intervalsMustBeAscendingAndNotOverlapOrTouch() {
        assertThat(withMonday(List.of(OfficeInterval.of("13:00", "17:00"), OfficeInterval.of("09:00", "12:00"))).violations())
                .extracting(CalendarViolation::field).containsExactly("weeklyHours.MONDAY[1]");
        assertThat(withMonday(List.of(OfficeInterval.of("09:00", "13:00"), OfficeInterval.of("12:00", "17:00"))).violations())
                .extracting(CalendarViolation::field).containsExactly("weeklyHours.MONDAY[1]");
        assertThat(withMonday(List.of(OfficeInterval.of("09:00", "12:00"), OfficeInterval.of("12:00", "17:00"))).violations())
                .extracting(CalendarViolation::field).containsExactly("weeklyHours.MONDAY[1]");
    }

    @Test
    void intervalsStayInsideTheDayWithWholeSeconds() {
        assertThat(withMonday(List.of(OfficeInterval.of("00:00", "24:00"))).violations()).isEmpty();
        assertThat(OfficeInterval.of("20:00", "24:00").toSecond()).isEqualTo(86_400);
        assertThat(withMonday(List.of(new OfficeInterval(LocalTime.of(9, 0, 0, 5), LocalTime.NOON))).violations())
                .containsExactly(new CalendarViolation("weeklyHours.MONDAY[0]", "times must be whole seconds"));
    }

    @Test
    void holidayAndMakeUpDayRules() {
        CalendarDefinition broken = CalendarDefinition.chinaServiceHall(
                Set.of(LocalDate.parse("2026-10-03"), LocalDate.parse("2026-10-05")),
                Set.of(LocalDate.parse("2026-10-05"), LocalDate.parse("2026-10-09")));
        assertThat(broken.violations()).extracting(CalendarViolation::field).containsExactly(
                "holidays[2026-10-03]", "holidays[2026-10-05]", "makeUpWorkdays[2026-10-05]", "makeUpWorkdays[2026-10-09]");
        assertThat(broken.isValid()).isFalse();
    }

    @Test
    void calendarNeedsHoursOnSomeDayOfTheWeek() {
        CalendarDefinition none = new CalendarDefinition(CalendarDefinition.CHINA_ZONE,
                Map.of(DayOfWeek.SATURDAY, List.of()), Set.of(), Set.of(), Map.of());
        assertThat(none.violations()).extracting(CalendarViolation::field).containsExactly("weeklyHours");
        CalendarDefinition saturdaysOnly = new CalendarDefinition(CalendarDefinition.CHINA_ZONE,
                Map.of(DayOfWeek.SATURDAY, CalendarDefinition.CHINA_HALL_HOURS), Set.of(), Set.of(), Map.of());
        assertThat(saturdaysOnly.violations()).isEmpty();
    }

    @Test
    void saturdayHoursMakeSaturdaysWorkingDays() {
        EnumMap<DayOfWeek, List<OfficeInterval>> weekly = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day != DayOfWeek.SUNDAY) {
                weekly.put(day, day == DayOfWeek.SATURDAY ? List.of(OfficeInterval.of("09:00", "12:00")) : CalendarDefinition.CHINA_HALL_HOURS);
            }
        }
        LocalDate saturday = LocalDate.parse("2026-03-14");
        LocalDate nationalDaySaturday = LocalDate.parse("2026-10-03");
        CalendarDefinition sixDays = new CalendarDefinition(CalendarDefinition.CHINA_ZONE, weekly,
                Set.of(nationalDaySaturday), Set.of(LocalDate.parse("2026-10-11")), Map.of());
        assertThat(sixDays.violations()).isEmpty();
        WorkingCalendar calendar = WorkingCalendar.of(sixDays);
        assertThat(calendar.hoursOn(saturday)).containsExactly(OfficeInterval.of("09:00", "12:00"));
        assertThat(calendar.isWorkingDay(saturday.plusDays(1))).isFalse();
        assertThat(calendar.isWorkingDay(nationalDaySaturday)).as("a holiday on a working Saturday takes it off").isFalse();
        assertThat(calendar.hoursOn(LocalDate.parse("2026-10-11"))).as("a make-up Sunday keeps Monday's hours")
                .isEqualTo(CalendarDefinition.CHINA_HALL_HOURS);
        assertThat(calendar.workingDates(LocalDate.parse("2026-03-13"), LocalDate.parse("2026-03-16")))
                .containsExactly(LocalDate.parse("2026-03-13"), saturday, LocalDate.parse("2026-03-16"));
        assertThat(calendar.addWorkingTime(java.time.ZonedDateTime.parse("2026-03-13T16:00+08:00[Asia/Shanghai]").toInstant(),
                java.time.Duration.ofHours(2))).isEqualTo(java.time.Instant.parse("2026-03-14T02:00:00Z"));
        CalendarDefinition saturdayMakeUp = new CalendarDefinition(CalendarDefinition.CHINA_ZONE, weekly,
                Set.of(), Set.of(saturday), Map.of());
        assertThat(saturdayMakeUp.violations()).extracting(CalendarViolation::field).containsExactly("makeUpWorkdays[2026-03-14]");
        assertThat(sixDays.withDateHours(saturday, List.of(OfficeInterval.of("08:00", "11:00"))).violations()).isEmpty();
    }

    @Test
    void makeUpDayNeedsHours() {
        CalendarDefinition noMonday = new CalendarDefinition(CalendarDefinition.CHINA_ZONE,
                Map.of(DayOfWeek.TUESDAY, CalendarDefinition.CHINA_HALL_HOURS), Set.of(), Set.of(LocalDate.parse("2026-10-10")), Map.of());
        assertThat(noMonday.violations()).extracting(CalendarViolation::field).containsExactly("makeUpWorkdays[2026-10-10]");
        assertThat(noMonday.withDateHours(LocalDate.parse("2026-10-10"), CalendarDefinition.CHINA_HALL_HOURS).violations()).isEmpty();
    }

    @Test
    void dateHoursOnlyForWorkingDates() {
        CalendarDefinition china = ChinaCalendars.definition();
        assertThat(china.withDateHours(LocalDate.parse("2026-10-01"), CalendarDefinition.CHINA_HALL_HOURS).violations())
                .extracting(CalendarViolation::field).containsExactly("dateHours[2026-10-01]");
        assertThat(china.withDateHours(LocalDate.parse("2026-10-11"), CalendarDefinition.CHINA_HALL_HOURS).violations())
                .extracting(CalendarViolation::field).containsExactly("dateHours[2026-10-11]");
        assertThat(china.withDateHours(LocalDate.parse("2026-10-10"), List.of(OfficeInterval.of("14:00", "10:00"))).violations())
                .extracting(CalendarViolation::field).containsExactly("dateHours[2026-10-10][0]");
    }

    @Test
    void buildingAnInvalidCalendarReportsEveryViolation() {
        CalendarDefinition broken = CalendarDefinition.chinaServiceHall(Set.of(LocalDate.parse("2026-10-03")), Set.of(LocalDate.parse("2026-10-09")));
        assertThatThrownBy(() -> WorkingCalendar.of(broken))
                .isInstanceOfSatisfying(InvalidCalendarException.class, e -> assertThat(e.violations()).hasSize(2));
    }

    @Test
    void definitionIsAnImmutableCopy() {
        java.util.Set<LocalDate> holidays = new java.util.HashSet<>(Set.of(LocalDate.parse("2026-10-01")));
        CalendarDefinition definition = CalendarDefinition.chinaServiceHall(holidays, Set.of());
        holidays.add(LocalDate.parse("2026-10-02"));
        assertThat(definition.holidays()).containsExactly(LocalDate.parse("2026-10-01"));
        assertThatThrownBy(() -> definition.holidays().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
