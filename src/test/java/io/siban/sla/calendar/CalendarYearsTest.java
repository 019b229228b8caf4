package io.siban.sla.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CalendarYearsTest {
    static final Map<DayOfWeek, List<List<String>>> WEEK = Map.of(DayOfWeek.MONDAY, List.of(List.of("09:00", "17:00")));

    static CalendarDocument document(String zone, Set<LocalDate> holidays, Set<Integer> officialYears) {
        return new CalendarDocument("t", zone, WEEK, holidays, Set.of(), Map.of(), officialYears);
    }

    @ParameterizedTest(name = "{0}, holidays {1}, officialYears {2}: 2027 is {3}")
    @CsvSource({
            "Asia/Shanghai,    2026-10-01,            , PROVISIONAL",
            "Asia/Shanghai,    2026-10-01 2027-01-01, , OFFICIAL",
            "Asia/Shanghai,    2026-10-01 2027-01-01, 2026, PROVISIONAL",
            "Asia/Shanghai,    ,                      2026, PROVISIONAL",
            "Asia/Shanghai,    ,                      , NONE",
            "Asia/Urumqi,      2026-10-01,            , PROVISIONAL",
            "Asia/Hong_Kong,   2026-10-01,            , NONE",
            "Europe/Berlin,    2026-10-01,            , NONE",
            "Europe/Berlin,    2027-10-01,            , OFFICIAL",
    })
    void whoHasProvisionalYears(String zone, String holidays, String officialYears, CalendarYears.Status status) {
        Set<LocalDate> dates = holidays == null ? Set.of()
                : java.util.Arrays.stream(holidays.split(" ")).map(LocalDate::parse).collect(java.util.stream.Collectors.toSet());
        Set<Integer> official = officialYears == null ? null : Set.of(Integer.parseInt(officialYears));
        assertThat(CalendarYears.status(document(zone, dates, official), 2027)).isEqualTo(status);
    }

    @Test
    void theAlarmStartsOnFirstNovemberOfTheHallsDate() {
        CalendarDocument china = document("Asia/Shanghai", Set.of(LocalDate.of(2026, 10, 1)), null);
        assertThat(CalendarYears.warnings(china, LocalDate.of(2026, 10, 31))).isEmpty();
        assertThat(CalendarYears.warnings(china, LocalDate.of(2026, 11, 1))).singleElement()
                .satisfies(w -> assertThat(w.year()).isEqualTo(2027));
        assertThat(CalendarYears.warnings(china, LocalDate.of(2026, 12, 31))).hasSize(1);
        assertThat(CalendarYears.warnings(china, LocalDate.of(2027, 1, 1))).as("January: next year is 2028, not due yet").isEmpty();
        assertThat(CalendarYears.today(china, Instant.parse("2026-10-31T16:10:00Z"))).isEqualTo(LocalDate.of(2026, 11, 1));
        CalendarDocument covered = document("Asia/Shanghai", Set.of(LocalDate.of(2026, 10, 1), LocalDate.of(2027, 1, 1)), null);
        assertThat(CalendarYears.warnings(covered, LocalDate.of(2026, 11, 1))).isEmpty();
        assertThat(CalendarYears.confirmedThrough(covered)).isEqualTo(LocalDate.of(2027, 12, 31));
        assertThat(CalendarYears.years(china, LocalDate.of(2026, 12, 1)))
                .containsExactly(Map.entry("2026", CalendarYears.Status.OFFICIAL), Map.entry("2027", CalendarYears.Status.PROVISIONAL));
    }

    @Test
    void oneYearMadeOfficialOrNotKeepsTheOthers() {
        CalendarDocument unnamed = document("Asia/Shanghai", Set.of(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 10, 1)), null);
        assertThat(CalendarYears.officialYearsWith(unnamed, 2027, null)).as("written down as they stood, so 2027 stays provisional")
                .containsExactly(2025, 2026);
        assertThat(CalendarYears.officialYearsWith(unnamed, 2027, true)).containsExactly(2025, 2026, 2027);
        assertThat(CalendarYears.officialYearsWith(unnamed, 2026, false)).containsExactly(2025);
    }
}
