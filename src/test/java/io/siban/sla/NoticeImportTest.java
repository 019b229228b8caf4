package io.siban.sla;

import io.siban.common.problem.ProblemException;
import io.siban.sla.calendar.CalendarDocument;
import io.siban.sla.calendar.notice.NoticeParser;
import io.siban.sla.calendar.notice.NoticeParserTest;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a notice does to a calendar, without HTTP: which dates count on it, what is replaced, what is kept. */
class NoticeImportTest {

    static CalendarDocument calendar(boolean saturdays, Set<LocalDate> holidays, Set<LocalDate> workdays,
                                     Map<LocalDate, List<List<String>>> dateHours) {
        Map<DayOfWeek, List<List<String>>> weekly = new EnumMap<>(DayOfWeek.class);
        Stream.of(DayOfWeek.values()).filter(day -> day != DayOfWeek.SUNDAY && (saturdays || day != DayOfWeek.SATURDAY))
                .forEach(day -> weekly.put(day, CalendarResourceTest.HOURS));
        return new CalendarDocument("t", "Asia/Shanghai", weekly, holidays, workdays, dateHours, null);
    }

    static Set<LocalDate> dates(String... dates) {
        return Stream.of(dates).map(LocalDate::parse).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void aCalendarWithSaturdayHoursKeepsTheBlocksSaturdaysAndNotesTheMakeUpSaturdays() {
        NoticeImport.Outcome outcome = NoticeImport.of(calendar(true, Set.of(), Set.of(), Map.of()),
                NoticeParser.parse(NoticeParserTest.notice("2026.txt"), 2026));
        assertThat(outcome.view().holidays()).contains(LocalDate.parse("2026-01-03"), LocalDate.parse("2026-02-21"))
                .doesNotContain(LocalDate.parse("2026-02-15"));
        assertThat(outcome.view().workdays()).isEqualTo(dates("2026-01-04", "2026-09-20"));
        assertThat(outcome.view().notes()).extracting(CalendarDocument.Note::field)
                .contains("workdays[2026-02-14]", "workdays[2026-10-10]", "holidays[2026-02-15]");
        assertThat(outcome.updated().violations()).isEmpty();
    }

    @Test
    void onlyTheNoticesYearIsReplacedAndDatesOfTheNextYearAreAdded() {
        CalendarDocument before = calendar(false, dates("2025-10-01", "2026-03-02", "2027-02-08"), dates("2027-02-06"), Map.of());
        String notice = "国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：12月31日（周四）至2027年1月2日（周六）放假调休，共3天。";
        NoticeImport.Outcome outcome = NoticeImport.of(before, NoticeParser.parse(notice, 2026));
        assertThat(outcome.updated().holidays()).isEqualTo(dates("2025-10-01", "2026-12-31", "2027-01-01", "2027-02-08"));
        assertThat(outcome.updated().workdays()).isEqualTo(dates("2027-02-06"));
        assertThat(outcome.updated().officialYears()).as("the years that counted as official stay official").containsExactly(2025, 2026, 2027);
        assertThat(outcome.view().changes().removed().holidays()).isEqualTo(dates("2026-03-02"));
        assertThat(outcome.view().changes().added().holidays()).isEqualTo(dates("2026-12-31", "2027-01-01"));
        assertThat(outcome.view().notes()).extracting(CalendarDocument.Note::field).containsExactly("holidays[2027-01-02]");
    }

    @Test
    void ownHoursOnADateTheNoticeMakesAHolidayAreAContradictionAndNothingIsBuilt() {
        CalendarDocument before = calendar(false, Set.of(), Set.of(), Map.of(LocalDate.parse("2026-10-05"), List.of(List.of("09:00", "12:00"))));
        assertThatThrownBy(() -> NoticeImport.of(before, NoticeParser.parse(NoticeParserTest.notice("2026.txt"), 2026)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.toProblem().violations()).extracting(v -> v.field()).containsExactly("dateHours[2026-10-05]");
                });
    }
}
