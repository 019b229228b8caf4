package io.siban.sla.calendar;

import io.siban.common.problem.Problem.Violation;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The merge rule of regional calendars and the faults of a chain of parents. */
class CalendarLineageTest {
    static final List<List<String>> DAY = List.of(List.of("09:00", "12:00"), List.of("13:00", "17:00"));
    static final Map<DayOfWeek, List<List<String>>> WEEK = Map.of(DayOfWeek.MONDAY, DAY, DayOfWeek.TUESDAY, DAY,
            DayOfWeek.WEDNESDAY, DAY, DayOfWeek.THURSDAY, DAY, DayOfWeek.FRIDAY, DAY);

    /** The national calendar: 2026's 国庆 in part, the make-up Saturday 10 October with its own morning. */
    static final CalendarDocument NATION = new CalendarDocument("nation", "Asia/Shanghai", WEEK,
            dates("2026-10-01", "2026-10-02", "2026-10-07"), dates("2026-10-10"),
            Map.of(LocalDate.parse("2026-10-10"), List.of(List.of("09:00", "12:00"))), null);

    static Set<LocalDate> dates(String... days) {
        return java.util.Arrays.stream(days).map(LocalDate::parse).collect(java.util.stream.Collectors.toSet());
    }

    static CalendarDocument child(String parent, String timezone, Set<LocalDate> holidays, Set<LocalDate> workdays) {
        return new CalendarDocument("child", timezone, null, holidays, workdays, null, null, parent);
    }

    @Test
    void theChildAddsItsDaysAndWinsWhereTheyDisagree() {
        // 古尔邦节 on a Wednesday, the national 7 October worked, the make-up Saturday 10 October kept off
        CalendarDocument linxia = child("nation", null, dates("2026-05-27", "2026-10-10"), dates("2026-10-07"));
        CalendarDocument effective = CalendarLineage.merge(NATION, linxia);

        assertThat(effective.parent()).isNull();
        assertThat(effective.timezone()).isEqualTo("Asia/Shanghai");
        assertThat(effective.weeklyHours()).isEqualTo(new java.util.TreeMap<>(WEEK));
        // a cancelled weekday holiday follows Wednesday's hours; it need not be a make-up day
        assertThat(effective.holidays()).containsExactlyInAnyOrderElementsOf(dates("2026-05-27", "2026-10-01", "2026-10-02"));
        // a cancelled make-up Saturday is an ordinary weekend day again, without the parent's hours for it
        assertThat(effective.workdays()).isEmpty();
        assertThat(effective.dateHours()).isEmpty();
        assertThat(effective.violations()).isEmpty();

        WorkingCalendar calendar = WorkingCalendar.of(effective.toDefinition());
        assertThat(calendar.workingDates(LocalDate.parse("2026-10-05"), LocalDate.parse("2026-10-11")))
                .containsExactly(LocalDate.parse("2026-10-05"), LocalDate.parse("2026-10-06"), LocalDate.parse("2026-10-07"),
                        LocalDate.parse("2026-10-08"), LocalDate.parse("2026-10-09"));
    }

    @Test
    void weeklyHoursReplaceThoseOfTheWeekdaysTheChildLists() {
        List<List<String>> shortFriday = List.of(List.of("09:00", "12:00"));
        CalendarDocument county = new CalendarDocument("county", null, Map.of(DayOfWeek.FRIDAY, shortFriday),
                null, null, Map.of(LocalDate.parse("2026-10-09"), shortFriday), null, "nation");
        CalendarDocument effective = CalendarLineage.merge(NATION, county);
        assertThat(effective.weeklyHours().get(DayOfWeek.FRIDAY)).isEqualTo(shortFriday);
        assertThat(effective.weeklyHours().get(DayOfWeek.MONDAY)).isEqualTo(DAY);
        assertThat(effective.dateHours()).containsOnlyKeys(LocalDate.parse("2026-10-09"), LocalDate.parse("2026-10-10"));
    }

    @Test
    void officialYearsAreTheParentsUnlessTheChildNamesItsOwn() {
        // a local holiday in 2027 does not make 2027 official: the years come from the parent
        CalendarDocument local = child("nation", null, dates("2027-03-10"), null);
        CalendarDocument effective = CalendarLineage.merge(NATION, local);
        assertThat(effective.officialYears()).containsExactly(2026);
        assertThat(CalendarYears.status(effective, 2027)).isEqualTo(CalendarYears.Status.PROVISIONAL);

        CalendarDocument own = new CalendarDocument("own", null, null, dates("2027-03-10"), null, null, Set.of(2026, 2027), "nation");
        assertThat(CalendarLineage.merge(NATION, own).officialYears()).containsExactlyInAnyOrder(2026, 2027);
    }

    @Test
    void theEffectiveCalendarFoldsTheChainFromTheTop() {
        Map<String, CalendarDocument> documents = new HashMap<>();
        documents.put("nation", NATION);
        documents.put("gansu", child("nation", null, dates("2026-06-01"), null));
        documents.put("linxia", child("gansu", "Asia/Shanghai", dates("2026-05-27"), dates("2026-06-01")));
        CalendarDocument effective = CalendarLineage.effective("linxia", documents);
        assertThat(effective.holidays()).contains(LocalDate.parse("2026-05-27"), LocalDate.parse("2026-10-01"))
                .doesNotContain(LocalDate.parse("2026-06-01"));
        assertThat(CalendarLineage.chain("linxia", documents)).containsExactly("linxia", "gansu", "nation");
        assertThat(CalendarLineage.violations("linxia", documents)).isEmpty();
    }

    @Test
    void aMissingParentACycleAndAChainTooDeepNameTheParent() {
        Map<String, CalendarDocument> documents = new HashMap<>();
        documents.put("nation", NATION);
        documents.put("orphan", child("nowhere", null, null, null));
        assertThat(fields(CalendarLineage.violations("orphan", documents))).containsExactly("parent");
        assertThat(CalendarLineage.violations("orphan", documents).get(0).message()).contains("'nowhere'", "does not exist");

        documents.put("self", child("self", null, null, null));
        assertThat(CalendarLineage.violations("self", documents).get(0).message()).contains("cycle");

        documents.put("a", child("b", null, null, null));
        documents.put("b", child("a", null, null, null));
        assertThat(fields(CalendarLineage.violations("a", documents))).containsExactly("parent");
        assertThat(CalendarLineage.violations("a", documents).get(0).message()).contains("a → b → a");

        String above = "nation";
        for (int level = 1; level < CalendarLineage.MAX_CHAIN; level++) {
            documents.put("l" + level, child(above, null, null, null));
            above = "l" + level;
        }
        assertThat(CalendarLineage.violations("l4", documents)).isEmpty();
        documents.put("l5", child("l4", null, null, null));
        assertThat(CalendarLineage.violations("l5", documents).get(0).message()).contains("at most 5");
        // a calendar in the middle is refused when a calendar below it would be too deep
        assertThat(fields(CalendarLineage.violations("l3", documents))).containsExactly("children.l5.parent");
    }

    @Test
    void anotherTimezoneAndAContradictionAreViolations() {
        Map<String, CalendarDocument> documents = new HashMap<>();
        documents.put("nation", NATION);
        documents.put("urumqi", child("nation", "Asia/Urumqi", null, null));
        assertThat(fields(CalendarLineage.violations("urumqi", documents))).containsExactly("timezone");
        documents.put("both", child("nation", null, dates("2026-05-27"), dates("2026-05-27")));
        assertThat(fields(CalendarLineage.violations("both", documents))).containsExactly("holidays[2026-05-27]");
        // a parent's change that breaks a child names the child
        documents.put("short", new CalendarDocument("short", null, null, null, null,
                Map.of(LocalDate.parse("2026-05-27"), List.of(List.of("09:00", "12:00"))), null, "nation"));
        documents.put("nation", new CalendarDocument("nation", "Asia/Shanghai", WEEK, dates("2026-05-27"), Set.of(), Map.of(), null));
        assertThat(fields(CalendarLineage.violations("nation", documents))).contains("children.short.dateHours[2026-05-27]");
    }

    static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }
}
