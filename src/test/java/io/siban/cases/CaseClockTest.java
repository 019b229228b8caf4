package io.siban.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siban.catalog.Category;
import io.siban.catalog.Limit;
import io.siban.sla.calendar.CalendarDefinition;
import io.siban.sla.deadline.Pause;
import io.siban.sla.deadline.SlaCard;
import io.siban.sla.calendar.WorkingCalendar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each category's deadline on real 2026 dates of the shipped China calendar. */
public class CaseClockTest {
    static WorkingCalendar china;

    /** The shipped 2025–2026 China calendar, for other features' tests. */
    public static WorkingCalendar shippedChina() throws Exception {
        if (china == null) {
            calendar();
        }
        return china;
    }

    @BeforeAll
    static void calendar() throws Exception {
        try (InputStream in = CaseClockTest.class.getClassLoader().getResourceAsStream("calendars/china-calendar-2025-2026.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            Set<LocalDate> holidays = new HashSet<>();
            Set<LocalDate> workdays = new HashSet<>();
            root.get("years").forEach(year -> {
                year.get("holidays").forEach(d -> holidays.add(LocalDate.parse(d.asText())));
                year.get("workdays").forEach(d -> workdays.add(LocalDate.parse(d.asText())));
            });
            china = WorkingCalendar.of(CalendarDefinition.chinaServiceHall(holidays, workdays));
        }
    }

    static Instant at(String local) {
        return OffsetDateTime.parse(local + "+08:00").toInstant();
    }

    static CaseClock.Terms terms(Category category, Limit committed, Limit statutory) {
        return new CaseClock.Terms(category, committed, statutory, null, null);
    }

    @Test
    void timeLimitedAcrossNationalDayAndTheMakeUpSaturday() {
        var reading = CaseClock.read(china, terms(Category.TIME_LIMITED, Limit.days(5), Limit.days(20)), at("2026-09-30T10:00:00"),
                List.of(), null, null, at("2026-10-09T10:00:00"));
        assertThat(reading.committedDue()).isEqualTo(at("2026-10-13T17:00:00"));
        assertThat(reading.card()).isEqualTo(SlaCard.GREEN);
        assertThat(reading.yellowFrom()).isEqualTo(at("2026-10-12T17:00:00"));
    }

    @Test
    void sameDayFridayBeforeAMakeUpSaturdayIsDueSaturday() {
        var reading = CaseClock.read(china, terms(Category.SAME_DAY, Limit.days(1), Limit.days(5)), at("2026-10-09T15:00:00"),
                List.of(), null, null, at("2026-10-10T13:30:00"));
        assertThat(reading.committedDue()).isEqualTo(at("2026-10-10T15:00:00"));
        assertThat(reading.card()).as("1.5 working hours left, threshold 2").isEqualTo(SlaCard.YELLOW);
    }

    @Test
    void immediateCountsWorkingMinutesAcrossLunch() {
        var reading = CaseClock.read(china, terms(Category.IMMEDIATE, Limit.of(Duration.ofMinutes(30)), Limit.days(1)),
                at("2026-10-12T11:50:00"), List.of(), null, null, at("2026-10-12T13:25:00"));
        assertThat(reading.committedDue()).isEqualTo(at("2026-10-12T13:20:00"));
        assertThat(reading.card()).isEqualTo(SlaCard.RED);
        assertThat(reading.remainingWorkingSeconds()).isEqualTo(-300);
    }

    @Test
    void aPauseMovesTheDueByExactlyThePausedWorkingTime() {
        var terms = terms(Category.TIME_LIMITED, Limit.days(5), Limit.days(20));
        var plain = CaseClock.read(china, terms, at("2026-09-30T10:00:00"), List.of(), null, null, at("2026-10-15T10:00:00"));
        var paused = CaseClock.read(china, terms, at("2026-09-30T10:00:00"),
                List.of(new Pause(at("2026-10-12T09:00:00"), at("2026-10-13T09:00:00"))), null, null, at("2026-10-15T10:00:00"));
        assertThat(paused.committedDue()).isEqualTo(at("2026-10-14T17:00:00"));
        assertThat(paused.pausedWorkingSeconds()).isEqualTo(7 * 3600);
        assertThat(china.workingTimeBetween(plain.committedDue(), paused.committedDue())).isEqualTo(Duration.ofHours(7));
        assertThat(paused.statutoryDue()).isAfter(plain.statutoryDue());
    }

    @Test
    void aRunningPauseStopsTheClockAndKeepsMovingTheDue() {
        var terms = terms(Category.TIME_LIMITED, Limit.days(5), Limit.days(20));
        List<Pause> running = List.of(Pause.running(at("2026-10-12T09:00:00")));
        var early = CaseClock.read(china, terms, at("2026-09-30T10:00:00"), running, null, null, at("2026-10-12T17:00:00"));
        var late = CaseClock.read(china, terms, at("2026-09-30T10:00:00"), running, null, null, at("2026-10-20T17:00:00"));
        assertThat(early.paused()).isTrue();
        assertThat(late.committedDue()).isAfter(early.committedDue());
        assertThat(late.remainingWorkingSeconds()).isEqualTo(early.remainingWorkingSeconds());
        assertThat(late.card()).as("the clock stopped while GREEN").isEqualTo(SlaCard.GREEN);
    }

    @Test
    void redThenLegalBreach() {
        var terms = terms(Category.TIME_LIMITED, Limit.days(2), Limit.days(3));
        Instant accepted = at("2026-10-12T10:00:00");
        assertThat(CaseClock.read(china, terms, accepted, List.of(), null, null, at("2026-10-14T17:00:00")).card()).isEqualTo(SlaCard.RED);
        assertThat(CaseClock.read(china, terms, accepted, List.of(), null, null, at("2026-10-15T17:00:00")).card()).isEqualTo(SlaCard.LEGAL_BREACH);
        assertThat(CaseClock.read(china, terms, accepted, List.of(), null, at("2026-10-14T16:00:00"), at("2026-10-20T10:00:00")).card())
                .as("closed on time stays GREEN/YELLOW, read at the close").isIn(SlaCard.GREEN, SlaCard.YELLOW);
    }

    @Test
    void aProxyLocalStageThatRunsOverIsFlaggedWhileTheCaseIsOnTime() {
        var terms = new CaseClock.Terms(Category.PROXY, Limit.days(10), Limit.days(20), 2, null);
        var reading = CaseClock.read(china, terms, at("2026-10-08T10:00:00"), List.of(), at("2026-10-13T10:00:00"), null,
                at("2026-10-13T11:00:00"));
        assertThat(reading.localStageDue()).isEqualTo(at("2026-10-10T17:00:00"));
        assertThat(reading.localStageOverrun()).isTrue();
        assertThat(reading.card()).isEqualTo(SlaCard.GREEN);
    }
}
