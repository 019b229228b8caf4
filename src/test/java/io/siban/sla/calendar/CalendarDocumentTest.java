package io.siban.sla.calendar;

import io.siban.common.problem.Problem.Violation;
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

/** Calendars as people publish them: what changes nothing is a note, only contradictions are violations. */
class CalendarDocumentTest {
    static final List<List<String>> HOURS = List.of(List.of("09:00", "12:00"), List.of("13:00", "17:00"));

    static Map<DayOfWeek, List<List<String>>> weekdays() {
        Map<DayOfWeek, List<List<String>>> weekly = new EnumMap<>(DayOfWeek.class);
        Stream.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)
                .forEach(day -> weekly.put(day, HOURS));
        return weekly;
    }

    static Set<LocalDate> dates(String... dates) {
        return Stream.of(dates).map(LocalDate::parse).collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<LocalDate> block(String from, String to) {
        return LocalDate.parse(from).datesUntil(LocalDate.parse(to).plusDays(1)).collect(Collectors.toCollection(TreeSet::new));
    }

    static CalendarDocument document(Map<DayOfWeek, List<List<String>>> weekly, Set<LocalDate> holidays, Set<LocalDate> workdays) {
        return new CalendarDocument("test", "Asia/Shanghai", weekly, holidays, workdays, Map.of(), null);
    }

    @Test
    void theSpringFestival2024IsAcceptedAsPastedWithItsWeekendDatesAsNotes() {
        CalendarDocument pasted = document(weekdays(), block("2024-02-10", "2024-02-17"), dates("2024-02-04", "2024-02-18"));
        assertThat(pasted.violations()).isEmpty();
        assertThat(pasted.notes()).extracting(CalendarDocument.Note::field)
                .containsExactly("holidays[2024-02-10]", "holidays[2024-02-11]", "holidays[2024-02-17]");
        assertThat(pasted.notes()).extracting(CalendarDocument.Note::message)
                .containsExactly("is a SATURDAY, a day without weekly office hours: off anyway",
                        "is a SUNDAY, a day without weekly office hours: off anyway",
                        "is a SATURDAY, a day without weekly office hours: off anyway");
        CalendarDefinition engine = pasted.toDefinition();
        assertThat(engine.holidays()).isEqualTo(block("2024-02-12", "2024-02-16"));
        assertThat(engine.makeUpWorkdays()).isEqualTo(dates("2024-02-04", "2024-02-18"));
        WorkingCalendar calendar = WorkingCalendar.of(engine);
        assertThat(calendar.workingDates(LocalDate.parse("2024-02-08"), LocalDate.parse("2024-02-19")))
                .containsExactly(LocalDate.parse("2024-02-08"), LocalDate.parse("2024-02-09"),
                        LocalDate.parse("2024-02-18"), LocalDate.parse("2024-02-19"));
        assertThat(pasted.holidays()).as("the document keeps what was sent").hasSize(8);
    }

    @Test
    void aListedWeekdayMakeUpDayChangesNothingAndIsANote() {
        CalendarDocument pasted = document(weekdays(), dates("2026-10-01"), dates("2026-10-09", "2026-10-10"));
        assertThat(pasted.violations()).isEmpty();
        assertThat(pasted.notes()).containsExactly(new CalendarDocument.Note("workdays[2026-10-09]", LocalDate.parse("2026-10-09"),
                "is a FRIDAY, a working day anyway (weeklyHours.FRIDAY)"));
        assertThat(pasted.toDefinition().makeUpWorkdays()).isEqualTo(dates("2026-10-10"));
    }

    @Test
    void saturdayHoursMakeSaturdayAWorkingDayAndAMakeUpSaturdayANote() {
        Map<DayOfWeek, List<List<String>>> weekly = weekdays();
        weekly.put(DayOfWeek.SATURDAY, List.of(List.of("09:00", "12:00")));
        CalendarDocument saturdays = document(weekly, block("2026-10-01", "2026-10-07"), dates("2026-10-10", "2026-10-11"));
        assertThat(saturdays.violations()).isEmpty();
        assertThat(saturdays.notes()).extracting(CalendarDocument.Note::field)
                .containsExactly("holidays[2026-10-04]", "workdays[2026-10-10]");
        CalendarDefinition engine = saturdays.toDefinition();
        assertThat(engine.holidays()).as("Saturday 10-03 is a working Saturday the holiday takes off")
                .contains(LocalDate.parse("2026-10-03")).doesNotContain(LocalDate.parse("2026-10-04"));
        assertThat(engine.makeUpWorkdays()).isEqualTo(dates("2026-10-11"));
        WorkingCalendar calendar = WorkingCalendar.of(engine);
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-10"))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-03"))).isFalse();
    }

    @Test
    void onlyContradictionsAreViolationsEachNamingItsDate() {
        Map<DayOfWeek, List<List<String>>> weekly = weekdays();
        weekly.put(DayOfWeek.SATURDAY, List.of(List.of("12:00", "09:00")));
        weekly.put(DayOfWeek.SUNDAY, List.of(List.of("09:00", "12:00"), List.of("11:00", "13:00")));
        CalendarDocument broken = new CalendarDocument("test", "Asia/Shanghai", weekly,
                dates("2024-02-10", "2024-02-12", "1899-12-31"), dates("2024-02-10", "3000-01-04"),
                Map.of(), Set.of(2024, 3001));
        assertThat(broken.violations()).extracting(Violation::field).containsExactlyInAnyOrder(
                "holidays[1899-12-31]", "holidays[2024-02-10]", "workdays[3000-01-04]", "officialYears[3001]",
                "weeklyHours.SATURDAY[0]", "weeklyHours.SUNDAY[1]");
        assertThat(broken.violations()).filteredOn(v -> v.field().equals("holidays[2024-02-10]")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("also listed as a make-up working day"));
        CalendarDocument malformed = document(Map.of(DayOfWeek.MONDAY, List.of(List.of("9:00", "12:00"))), Set.of(), Set.of());
        assertThat(malformed.violations()).extracting(Violation::field).containsExactly("weeklyHours.MONDAY[0]");
    }

    @Test
    void dateHoursOnAWeekendHolidayAreStillAContradiction() {
        CalendarDocument doc = new CalendarDocument("test", "Asia/Shanghai", weekdays(), dates("2024-02-10"), Set.of(),
                Map.of(LocalDate.parse("2024-02-10"), List.of(List.of("09:00", "12:00"))), null);
        assertThat(doc.violations()).extracting(Violation::field).containsExactly("dateHours[2024-02-10]");
    }

    @Test
    void officialYearsAreTheListGivenOrTheYearsWithHolidays() {
        assertThat(document(weekdays(), dates("2025-01-01", "2026-10-01"), Set.of()).officialYearsOrImplied()).containsExactly(2025, 2026);
        CalendarDocument listed = new CalendarDocument("test", "Asia/Shanghai", weekdays(), dates("2025-01-01"), Set.of(), Map.of(), Set.of(2026));
        assertThat(listed.officialYearsOrImplied()).containsExactly(2026);
        assertThat(listed.violations()).isEmpty();
    }
}
