package io.siban.metrics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConfirmedDaysTest {
    @ParameterizedTest(name = "{0} with holidays in {1}: {2} days")
    @CsvSource({
            "2026-10-31, 2026,           62",
            "2026-11-01, 2026,           61",
            "2026-12-31, 2026,            1",
            "2026-11-01, 2026 2027,     426",
            "2026-01-01, 2026 2027,     730",
            "2026-11-01, 2025 2026 2028, 61",
            "2027-01-04, 2025 2026,       0",
            "2026-06-30, 2027,            0",
    })
    void countsTodayThroughTheLastYearConfirmedWithoutAGap(String today, String years, long days) {
        List<LocalDate> holidays = Arrays.stream(years.split(" ")).map(y -> LocalDate.of(Integer.parseInt(y), 10, 1)).toList();
        assertThat(ConfirmedDays.of(holidays, LocalDate.parse(today))).isEqualTo(days);
    }

    @ParameterizedTest(name = "{0} with official years {1}: {2} days")
    @CsvSource({
            "2026-11-02, 2025 2026,      60",
            "2026-11-02, 2026 2027,     425",
            "2026-11-02, 2027,            0",
    })
    void officialYearsNamedByTheCalendarDecide(String today, String years, long days) {
        List<Integer> official = Arrays.stream(years.split(" ")).map(Integer::parseInt).toList();
        assertThat(ConfirmedDays.ofYears(official, LocalDate.parse(today))).isEqualTo(days);
    }

    @ParameterizedTest(name = "{0}: alarm {1}")
    @CsvSource({"2026-10-31, false", "2026-11-01, true", "2026-12-31, true"})
    void theAlarmLineSeparatesFromFirstNovember(String today, boolean alarm) {
        long onlyThisYear = ConfirmedDays.of(List.of(LocalDate.of(2026, 1, 1)), LocalDate.parse(today));
        long withNext = ConfirmedDays.of(List.of(LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1)), LocalDate.parse(today));
        assertThat(onlyThisYear < ConfirmedDays.NOVEMBER_AND_DECEMBER + 1).isEqualTo(alarm);
        assertThat(withNext < ConfirmedDays.NOVEMBER_AND_DECEMBER + 1).as("never with next year confirmed").isFalse();
    }
}
