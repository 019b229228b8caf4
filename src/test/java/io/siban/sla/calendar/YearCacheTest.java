package io.siban.sla.calendar;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's per-year tables are bounded however far apart the years asked for lie, and stay correct when evicted. */
class YearCacheTest {

    @Test
    void farYearsShareABoundedCacheAndGiveTheSameAnswersWhenRebuilt() {
        WorkingCalendar calendar = WorkingCalendar.of(ChinaCalendars.definition());
        int before = calendar.cachedYearCount();
        Instant farStart = LocalDate.of(9000, 3, 1).atStartOfDay(calendar.zone()).toInstant();
        Instant first = calendar.endOfNthWorkingDay(farStart, 10);
        Random random = new Random(12);
        for (int i = 0; i < 2000; i++) {
            int year = random.nextBoolean() ? 1 + random.nextInt(1898) : 2401 + random.nextInt(7598);
            calendar.isOfficeHours(LocalDate.of(year, 6, 15).atTime(10, 0).atZone(calendar.zone()).toInstant());
        }
        assertThat(calendar.cachedYearCount()).isLessThanOrEqualTo(before + 16 + 1);
        assertThat(calendar.endOfNthWorkingDay(farStart, 10)).isEqualTo(first);
    }

    @Test
    void aDeadlineFromTheLastSupportedYearsBuildsOnlyTheYearsItCrosses() {
        WorkingCalendar calendar = WorkingCalendar.of(ChinaCalendars.definition());
        int before = calendar.cachedYearCount();
        calendar.endOfNthWorkingDay(LocalDate.of(2200, 1, 5).atStartOfDay(calendar.zone()).toInstant(), 3650);
        assertThat(calendar.cachedYearCount() - before).isBetween(10, 20);
    }
}
