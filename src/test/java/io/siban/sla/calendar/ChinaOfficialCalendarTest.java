package io.siban.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks the shipped calendar against the State Council notices on the 2025 and 2026 holiday
 * arrangements: every festival is one run of consecutive days off with working days on both sides,
 * and its make-up days are the weekend days announced.
 */
class ChinaOfficialCalendarTest {

    record Festival(String name, LocalDate firstDayOff, LocalDate lastDayOff, int daysOff, List<LocalDate> makeUpDays) {
        @Override
        public String toString() {
            return name + " " + firstDayOff.getYear();
        }
    }

    private static Festival festival(String name, String first, String last, int daysOff, String... makeUps) {
        return new Festival(name, LocalDate.parse(first), LocalDate.parse(last), daysOff, Stream.of(makeUps).map(LocalDate::parse).toList());
    }

    static List<Festival> officialNotices() {
        return List.of(
                festival("New Year", "2025-01-01", "2025-01-01", 1),
                festival("Spring Festival", "2025-01-28", "2025-02-04", 8, "2025-01-26", "2025-02-08"),
                festival("Qingming", "2025-04-04", "2025-04-06", 3),
                festival("Labour Day", "2025-05-01", "2025-05-05", 5, "2025-04-27"),
                festival("Dragon Boat", "2025-05-31", "2025-06-02", 3),
                festival("National Day and Mid-Autumn", "2025-10-01", "2025-10-08", 8, "2025-09-28", "2025-10-11"),
                festival("New Year", "2026-01-01", "2026-01-03", 3, "2026-01-04"),
                festival("Spring Festival", "2026-02-15", "2026-02-23", 9, "2026-02-14", "2026-02-28"),
                festival("Qingming", "2026-04-04", "2026-04-06", 3),
                festival("Labour Day", "2026-05-01", "2026-05-05", 5, "2026-05-09"),
                festival("Dragon Boat", "2026-06-19", "2026-06-21", 3),
                festival("Mid-Autumn", "2026-09-25", "2026-09-27", 3, "2026-09-20"),
                festival("National Day", "2026-10-01", "2026-10-07", 7, "2026-10-10"));
    }

    private final WorkingCalendar calendar = ChinaCalendars.china();

    @ParameterizedTest(name = "{0}")
    @MethodSource("officialNotices")
    void festivalIsOneRunOfDaysOffBetweenWorkingDays(Festival festival) {
        List<LocalDate> run = festival.firstDayOff().datesUntil(festival.lastDayOff().plusDays(1)).toList();
        assertThat(run).hasSize(festival.daysOff());
        assertThat(run).noneMatch(calendar::isWorkingDay);
        assertThat(calendar.isWorkingDay(festival.firstDayOff().minusDays(1))).isTrue();
        assertThat(calendar.isWorkingDay(festival.lastDayOff().plusDays(1))).isTrue();
        assertThat(festival.makeUpDays()).allMatch(calendar::isWorkingDay)
                .allMatch(day -> day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY);
    }

    @Test
    void shippedDataHasExactlyTheAnnouncedHolidaysAndMakeUpDays() {
        for (int year : List.of(2025, 2026)) {
            Set<LocalDate> weekdaysOff = new TreeSet<>();
            Set<LocalDate> makeUps = new TreeSet<>();
            officialNotices().stream().filter(f -> f.firstDayOff().getYear() == year).forEach(f -> {
                f.firstDayOff().datesUntil(f.lastDayOff().plusDays(1))
                        .filter(day -> day.getDayOfWeek().getValue() <= 5).forEach(weekdaysOff::add);
                makeUps.addAll(f.makeUpDays());
            });
            ChinaCalendars.OfficialYear shipped = ChinaCalendars.officialYears().get(year);
            assertThat(shipped.holidays()).as("holidays %d", year).containsExactlyElementsOf(weekdaysOff);
            assertThat(shipped.workdays()).as("make-up days %d", year).containsExactlyElementsOf(makeUps);
        }
    }

    @Test
    void workingDaysPerYear() {
        // 261 Mon–Fri days in 2025 minus 18 weekday holidays plus 5 make-up days; 2026: 261 − 19 + 6
        assertThat(calendar.workingDates(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31"))).hasSize(248);
        assertThat(calendar.workingDates(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"))).hasSize(248);
    }
}
