package io.siban.sla.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siban.sla.calendar.StatutoryHolidays.Festival;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The law's days against dates written down independently of ICU and of the solar formula: the
 * published tables of the Chinese calendar (除夕, 春节, 端午, 中秋 as printed in 万年历 tables and the
 * Hong Kong Observatory's Gregorian–lunar conversion tables) and of the 清明 solar term (the State
 * Council's notices up to 2026, the Purple Mountain Observatory's 中国天文年历 after).
 */
class StatutoryHolidaysTest {

    @ParameterizedTest(name = "{0}: 除夕 {1}, 初一 {2}, 清明 {3}, 端午 {4}, 中秋 {5}")
    @CsvSource({
            // year, 除夕, 正月初一, 清明, 端午, 中秋
            "2025, 2025-01-28, 2025-01-29, 2025-04-04, 2025-05-31, 2025-10-06",
            "2026, 2026-02-16, 2026-02-17, 2026-04-05, 2026-06-19, 2026-09-25",
            "2027, 2027-02-05, 2027-02-06, 2027-04-05, 2027-06-09, 2027-09-15",
            "2028, 2028-01-25, 2028-01-26, 2028-04-04, 2028-05-28, 2028-10-03",
            "2029, 2029-02-12, 2029-02-13, 2029-04-04, 2029-06-16, 2029-09-22",
            "2030, 2030-02-02, 2030-02-03, 2030-04-05, 2030-06-05, 2030-09-12",
            "2031, 2031-01-22, 2031-01-23, 2031-04-05, 2031-06-24, 2031-10-01",
            "2032, 2032-02-10, 2032-02-11, 2032-04-04, 2032-06-12, 2032-09-19",
            "2033, 2033-01-30, 2033-01-31, 2033-04-04, 2033-06-01, 2033-09-08",
            "2034, 2034-02-18, 2034-02-19, 2034-04-05, 2034-06-20, 2034-09-27",
            "2035, 2035-02-07, 2035-02-08, 2035-04-05, 2035-06-10, 2035-09-16",
    })
    void lunarAndSolarDatesMatchThePublishedTables(int year, LocalDate eve, LocalDate springFestival, LocalDate qingming,
                                                   LocalDate dragonBoat, LocalDate midAutumn) {
        StatutoryHolidays.Year days = StatutoryHolidays.of(year);
        assertThat(festival(days, Festival.SPRING_FESTIVAL)).as("除夕 and 初一–初三")
                .containsExactly(eve, springFestival, springFestival.plusDays(1), springFestival.plusDays(2));
        assertThat(LunarDates.newYear(year)).isEqualTo(springFestival);
        assertThat(SolarTerms.date(year, SolarTerms.QINGMING)).as("清明").isEqualTo(qingming);
        assertThat(LunarDates.dragonBoat(year)).as("端午").isEqualTo(dragonBoat);
        assertThat(LunarDates.midAutumn(year)).as("中秋").isEqualTo(midAutumn);
        assertThat(festival(days, Festival.QINGMING)).containsExactly(qingming);
        assertThat(festival(days, Festival.DRAGON_BOAT)).containsExactly(dragonBoat);
        assertThat(festival(days, Festival.NEW_YEAR)).containsExactly(LocalDate.of(year, 1, 1));
        assertThat(festival(days, Festival.LABOUR_DAY)).containsExactly(LocalDate.of(year, 5, 1), LocalDate.of(year, 5, 2));
    }

    @ParameterizedTest(name = "清明 {0}")
    @CsvSource({"2015-04-05", "2016-04-04", "2017-04-04", "2018-04-05", "2019-04-05", "2020-04-04", "2021-04-04",
            "2022-04-05", "2023-04-05", "2024-04-04"})
    void qingmingOfTheYearsTheNoticesNamed(LocalDate qingming) {
        assertThat(SolarTerms.date(qingming.getYear(), SolarTerms.QINGMING)).isEqualTo(qingming);
    }

    @Test
    void theLunarDatesDoNotDependOnTheMachinesZone() {
        TimeZone saved = TimeZone.getDefault();
        try {
            for (String zone : new String[] {"America/Los_Angeles", "Pacific/Kiritimati", "UTC"}) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                com.ibm.icu.util.TimeZone.setDefault(com.ibm.icu.util.TimeZone.getTimeZone(zone));
                assertThat(LunarDates.newYear(2033)).as(zone).isEqualTo(LocalDate.of(2033, 1, 31));
                assertThat(LunarDates.midAutumn(2033)).as(zone).isEqualTo(LocalDate.of(2033, 9, 8));
                assertThat(SolarTerms.date(2034, SolarTerms.QINGMING)).as(zone).isEqualTo(LocalDate.of(2034, 4, 5));
            }
        } finally {
            com.ibm.icu.util.TimeZone.setDefault(null);
            TimeZone.setDefault(saved);
        }
    }

    @ParameterizedTest(name = "{0}: 补假 {1}")
    @CsvSource({
            // 2025: 端午 on Saturday 31 May → Monday 2 June (as the 2025 notice has it)
            "2025, 2025-06-02",
            // 2026: 清明 Sunday 5 April → Monday 6 April; 劳动节 2 May a Saturday → Monday 4 May; 国庆 3 October a Saturday → Monday 5 October
            "2026, 2026-04-06 2026-05-04 2026-10-05",
            // 2027: 初一, 初二 on the weekend → Tuesday 9, Wednesday 10 February; 劳动节 on the weekend → 3, 4 May;
            // 国庆 2, 3 October on the weekend → 4, 5 October
            "2027, 2027-02-09 2027-02-10 2027-05-03 2027-05-04 2027-10-04 2027-10-05",
            // 2028: 元旦 a Saturday → Monday 3 January; 端午 Sunday 28 May → Monday 29 May;
            // 中秋 on 国庆's 3 October and 1 October a Sunday → 4, 5 October
            "2028, 2028-01-03 2028-05-29 2028-10-04 2028-10-05",
    })
    void weekendStatutoryDaysAreMadeUpOnTheNextWorkingDaysAfterTheirBlock(int year, String makeUp) {
        Set<LocalDate> expected = java.util.Arrays.stream(makeUp.split(" ")).map(LocalDate::parse).collect(Collectors.toCollection(TreeSet::new));
        assertThat(StatutoryHolidays.of(year).makeUp()).containsExactlyElementsOf(expected);
    }

    @Test
    void everyYearOwesThirteenDays() {
        for (int year = StatutoryHolidays.FROM_YEAR; year <= StatutoryHolidays.UNTIL_YEAR; year++) {
            StatutoryHolidays.Year days = StatutoryHolidays.of(year);
            long weekend = days.statutory().keySet().stream().filter(StatutoryHolidays::isWeekend).count();
            int together = 13 - days.statutory().size();
            assertThat(days.makeUp()).as("%d: one 补假 per weekend or shared statutory day", year).hasSize((int) weekend + together);
            assertThat(days.makeUp()).as("%d: 补假 are weekdays", year).noneMatch(StatutoryHolidays::isWeekend);
            assertThat(days.statutory().size() - weekend + days.makeUp().size()).as("%d: weekdays off", year).isEqualTo(13);
        }
    }

    @Test
    void theShippedOfficialYearsContainTheLawsDays() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DefaultCalendarSeeder.RESOURCE)) {
            root = new ObjectMapper().readTree(in);
        }
        for (int year : new int[] {2025, 2026}) {
            JsonNode arrangement = root.get("years").get(Integer.toString(year));
            Set<LocalDate> holidays = dates(arrangement.get("holidays"));
            Set<LocalDate> workdays = dates(arrangement.get("workdays"));
            StatutoryHolidays.Year days = StatutoryHolidays.of(year);
            Set<LocalDate> weekdaysOff = days.daysOff().stream().filter(d -> !StatutoryHolidays.isWeekend(d))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(holidays).as("%d: the notice gives every weekday the law gives", year).containsAll(weekdaysOff);
            assertThat(workdays).as("%d: no statutory day is worked", year).doesNotContainAnyElementsOf(days.daysOff());
        }
    }

    @Test
    void provisionalYearsOfACalendarAddTheLawsDaysOnly() {
        CalendarDefinition definition = CalendarDefinition.chinaServiceHall(Set.of(LocalDate.of(2026, 10, 1)), Set.of());
        WorkingCalendar calendar = WorkingCalendar.of(definition, Set.of(2026));
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 1))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 2, 10))).as("补假").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 2, 11))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 2))).as("an official year keeps its own days").isTrue();
        assertThat(calendar.workingDates(LocalDate.of(2026, 12, 28), LocalDate.of(2027, 1, 8)))
                .containsExactly(LocalDate.of(2026, 12, 28), LocalDate.of(2026, 12, 29), LocalDate.of(2026, 12, 30),
                        LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 4), LocalDate.of(2027, 1, 5), LocalDate.of(2027, 1, 6),
                        LocalDate.of(2027, 1, 7), LocalDate.of(2027, 1, 8));
        java.time.Instant start = java.time.OffsetDateTime.parse("2026-12-31T10:00:00+08:00").toInstant();
        java.time.Instant due = calendar.sameTimeNthWorkingDay(start, 1);
        assertThat(due).isEqualTo(java.time.OffsetDateTime.parse("2027-01-04T10:00:00+08:00").toInstant());
        assertThat(calendar.provisionalYears(start, due)).containsExactly(2027);
        assertThat(calendar.provisionalYears(start, start)).isEmpty();
        WorkingCalendar plain = WorkingCalendar.of(definition);
        assertThat(plain.isWorkingDay(LocalDate.of(2027, 1, 1))).as("without provisional years").isTrue();
        assertThat(plain.provisionalYears(start, due)).isEmpty();
        WorkingCalendar madeUp = WorkingCalendar.of(CalendarDefinition.chinaServiceHall(Set.of(), Set.of(LocalDate.of(2027, 2, 6))), Set.of());
        assertThat(madeUp.isWorkingDay(LocalDate.of(2027, 2, 6))).as("a date the calendar works stays worked").isTrue();
    }

    private static java.util.List<LocalDate> festival(StatutoryHolidays.Year days, Festival festival) {
        return days.statutory().entrySet().stream().filter(e -> e.getValue() == festival).map(Map.Entry::getKey).toList();
    }

    private static Set<LocalDate> dates(JsonNode array) {
        Set<LocalDate> dates = new TreeSet<>();
        array.forEach(d -> dates.add(LocalDate.parse(d.asText())));
        return dates;
    }
}
