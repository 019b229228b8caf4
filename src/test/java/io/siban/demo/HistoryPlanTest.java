package io.siban.demo;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** The history plan of the demo city hall, in plain Java: deterministic, and shaped like a real hall's quarter. */
class HistoryPlanTest {
    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    static final ZoneId HALL = ZoneId.of("Asia/Shanghai");
    static HistoryPlan plan;

    @BeforeAll
    static void plan() {
        plan = HistoryPlan.of(DemoHalls.city(TODAY, 20261201));
    }

    @Test
    void theSameSeedGivesTheSameHistoryAndAnotherSeedAnotherOne() {
        HistoryPlan again = HistoryPlan.of(DemoHalls.city(TODAY, 20261201));
        assertThat(again.tickets()).hasSameSizeAs(plan.tickets());
        assertThat(again.cases()).hasSameSizeAs(plan.cases());
        assertThat(again.checksum()).isEqualTo(plan.checksum());
        assertThat(HistoryPlan.of(DemoHalls.city(TODAY, 7)).checksum()).isNotEqualTo(plan.checksum());
    }

    @Test
    void ticketsFallOnTheHallsWorkingDaysOfTheNinetyBeforeToday() {
        List<LocalDate> days = plan.tickets().stream().map(HistoryTicket::day).distinct().toList();
        assertThat(days).allMatch(d -> d.isBefore(TODAY) && !d.isBefore(TODAY.minusDays(90)))
                .allMatch(d -> DemoHalls.city(TODAY, 1).calendar().isWorkingDay(d))
                .doesNotContain(LocalDate.of(2026, 9, 25), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 7)) // 中秋, 国庆
                .doesNotContain(LocalDate.of(2026, 10, 3), LocalDate.of(2026, 11, 1)) // weekends
                .contains(LocalDate.of(2026, 9, 20), LocalDate.of(2026, 10, 10)); // make-up working Sunday and Saturday
        assertThat(days).hasSizeBetween(55, 66);
    }

    @Test
    void everyTicketMovesForwardInTimeAndItsStepsAgreeWithItsRow() {
        for (HistoryTicket t : plan.tickets()) {
            if (t.calledAt() != null) {
                assertThat(t.calledAt()).isAfterOrEqualTo(t.issuedAt());
            }
            if (t.startedAt() != null) {
                assertThat(t.startedAt()).isAfterOrEqualTo(t.calledAt());
                assertThat(t.finishedAt()).isAfterOrEqualTo(t.startedAt());
            }
            switch (t.status()) {
                case "DONE" -> assertThat(t.finishedAt()).isNotNull();
                case "NO_SHOW" -> assertThat(t.noShowAt()).isAfter(t.calledAt());
                case "CANCELLED" -> assertThat(t.cancelledAt()).isAfter(t.issuedAt());
                case "EXPIRED" -> assertThat(t.expiredAt()).isEqualTo(t.day().plusDays(1).atStartOfDay(HALL).toInstant());
                default -> throw new AssertionError("unexpected status " + t.status());
            }
            List<HistoryTicket.Step> steps = t.steps();
            assertThat(steps).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
            if (t.calledAt() != null) {
                assertThat(steps.get(0)).isEqualTo(new HistoryTicket.Step(t.id(), "CALLED", t.calledAt(), t.clerk(), t.window(), t.callDetail()));
            }
        }
    }

    @Test
    void arrivalsPeakInTheMorningAndWaitsGrowWithThem() {
        long morningPeak = arrivalsBetween(9, 11) / 2;
        long afternoonPeak = arrivalsBetween(14, 16) / 2;
        long afterLunch = arrivalsBetween(13, 14);
        assertThat(morningPeak).isGreaterThan(afternoonPeak);
        assertThat(afternoonPeak).isGreaterThan(afterLunch);
        double peakWait = meanWaitOfArrivals(10, 12);
        double quietWait = meanWaitOfArrivals(15, 17);
        assertThat(peakWait).isGreaterThan(2 * quietWait);
        assertThat(peakWait).isBetween(300.0, 2400.0);
    }

    @Test
    void aboutOneInTwentyCalledDoesNotShowAndMostRatingsAreGood() {
        long called = plan.tickets().stream().filter(t -> t.calledAt() != null).count();
        long noShows = plan.tickets().stream().filter(t -> t.status().equals("NO_SHOW")).count();
        assertThat((double) noShows / called).isBetween(0.035, 0.065);
        List<Integer> ratings = plan.tickets().stream().map(HistoryTicket::rating).filter(Objects::nonNull).toList();
        assertThat(ratings.stream().filter(r -> r >= 4).count()).isGreaterThan(ratings.size() * 85L / 100);
        assertThat(ratings.stream().filter(r -> r <= 2).count()).isBetween(ratings.size() / 100L, ratings.size() / 15L);
        assertThat(plan.tickets().stream().filter(t -> t.status().equals("CANCELLED"))).isNotEmpty();
        assertThat(plan.tickets().stream().map(HistoryTicket::channel).distinct()).contains("KIOSK", "MOBILE", "APPOINTMENT");
    }

    @Test
    void casesCoverTheFourCategoriesMostOnTimeSomeLateAFewInBreachSomeStillOpen() {
        assertThat(plan.cases().stream().map(c -> c.item().category().name()).distinct())
                .containsExactlyInAnyOrder("IMMEDIATE", "SAME_DAY", "TIME_LIMITED", "PROXY");
        assertThat(plan.cases().stream().map(HistoryCase::channel).distinct()).contains("WINDOW", "ONLINE", "MOBILE");
        List<HistoryCase> closed = plan.cases().stream().filter(c -> c.closedAt() != null).toList();
        long onTime = closed.stream().filter(HistoryCase::onTime).count();
        assertThat((double) onTime / closed.size()).isBetween(0.80, 0.97);
        for (HistoryCase c : closed) {
            assertThat(c.onTime()).as(c.caseNumber()).isEqualTo(c.card().name().equals("GREEN") || c.card().name().equals("YELLOW"));
        }
        assertThat(closed.stream().filter(c -> c.statutoryDue() != null && c.closedAt().isAfter(c.statutoryDue()))).isNotEmpty();
        List<HistoryCase> open = plan.cases().stream().filter(c -> c.closedAt() == null && c.card() != null).toList();
        assertThat(open.stream().map(c -> c.card().name()).distinct()).contains("GREEN", "YELLOW", "RED");
        assertThat(plan.cases().stream().flatMap(c -> c.cardChanges().stream()).map(k -> k.card().name()).distinct())
                .contains("YELLOW", "RED", "LEGAL_BREACH");
        assertThat(plan.cases()).allMatch(c -> c.applicant().idNumber().length() == 18);
    }

    private long arrivalsBetween(int fromHour, int toHour) {
        return plan.tickets().stream().filter(t -> hour(t) >= fromHour && hour(t) < toHour).count();
    }

    private double meanWaitOfArrivals(int fromHour, int toHour) {
        return plan.tickets().stream().filter(t -> t.calledAt() != null && hour(t) >= fromHour && hour(t) < toHour)
                .mapToLong(t -> Duration.between(t.issuedAt(), t.calledAt()).toSeconds()).average().orElseThrow();
    }

    private static int hour(HistoryTicket t) {
        return t.issuedAt().atZone(HALL).getHour();
    }
}
