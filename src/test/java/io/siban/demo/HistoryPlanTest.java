package io.siban.demo;

import io.siban.feedback.RectificationAction;
import io.siban.feedback.RectificationMachine;
import io.siban.feedback.RectificationState;
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

    @Test
    void everyRatedTicketHasItsRatingTiedToWhoServedAndSomeClosedCasesAreRatedToo() {
        java.util.Map<java.util.UUID, HistoryRating> byTicket = new java.util.HashMap<>();
        plan.ratings().stream().filter(r -> r.ticketId() != null).forEach(r -> byTicket.put(r.ticketId(), r));
        List<HistoryTicket> rated = plan.tickets().stream().filter(t -> t.rating() != null).toList();
        assertThat(byTicket).hasSameSizeAs(rated);
        for (HistoryTicket t : rated) {
            HistoryRating r = byTicket.get(t.id());
            assertThat(r.subject()).isEqualTo("TICKET");
            assertThat(List.of(r.score(), r.ratedAt(), r.day(), r.clerk(), r.window(), r.channel()))
                    .isEqualTo(List.of(t.rating(), t.ratedAt(), t.day(), t.clerk(), t.window(), t.channel()));
            assertThat(r.caseId()).isEqualTo(t.caseId());
            assertThat(r.itemCode()).isEqualTo(t.itemCode());
        }
        assertThat(plan.ratings()).filteredOn(r -> r.attitude() != null).hasSizeBetween(plan.ratings().size() / 4, plan.ratings().size() / 2)
                .allMatch(r -> r.efficiency() != null && r.quality() != null && r.integrity() != null);
        java.util.Map<java.util.UUID, HistoryCase> cases = new java.util.HashMap<>();
        plan.cases().forEach(c -> cases.put(c.id(), c));
        List<HistoryRating> ofCases = plan.ratings().stream().filter(r -> r.subject().equals("CASE")).toList();
        assertThat(ofCases).hasSizeGreaterThan(100).allMatch(r -> r.ticketId() == null);
        assertThat(ofCases.stream().map(HistoryRating::caseId).distinct()).hasSameSizeAs(ofCases);
        for (HistoryRating r : ofCases) {
            HistoryCase c = cases.get(r.caseId());
            assertThat(r.ratedAt()).isAfter(c.closedAt()).isBefore(c.closedAt().plus(Duration.ofDays(7)));
            assertThat(r.day()).isEqualTo(c.closedAt().atZone(HALL).toLocalDate());
            assertThat(r.department()).isEqualTo(c.item().department());
            assertThat(r.channel()).isEqualTo(c.channel());
        }
    }

    /** Every bad rating has one rectification; the history holds each of the six states, overdue ones among the running. */
    @Test
    void everyBadRatingHasOneRectificationAndEveryStateIsThere() {
        List<HistoryRating> bad = plan.ratings().stream().filter(r -> r.score() <= 2).toList();
        assertThat(plan.rectifications().stream().map(HistoryRectification::ratingId).sorted().toList())
                .isEqualTo(bad.stream().map(HistoryRating::id).sorted().toList());
        java.util.Map<String, Long> states = plan.rectifications().stream()
                .collect(java.util.stream.Collectors.groupingBy(x -> x.state().name(), java.util.stream.Collectors.counting()));
        assertThat(states).containsOnlyKeys("OPEN", "CONTACTED", "RECTIFIED", "CLOSED", "APPEALED", "EXCLUDED");
        assertThat(states.get("CLOSED")).isGreaterThan(bad.size() / 2L);
        assertThat(states.values()).allMatch(n -> n >= 2);
        java.time.Instant cutoff = TODAY.atStartOfDay(HALL).toInstant();
        List<HistoryRectification> open = plan.rectifications().stream().filter(x -> x.state() == RectificationState.OPEN).toList();
        assertThat(open).anyMatch(x -> x.card().name().equals("YELLOW")).anyMatch(x -> x.card().name().equals("RED"));
        assertThat(open).anyMatch(x -> x.contactDue().isBefore(cutoff)).anyMatch(x -> x.rectifyDue().isBefore(cutoff));
        assertThat(plan.rectifications()).filteredOn(x -> x.state() == RectificationState.CLOSED).anyMatch(x -> x.card().name().equals("RED"));
    }

    /** The dues are the core's: the same time on the N-th working day, close of business on the N-th, on the hall's calendar. */
    @Test
    void duesAreTheHallsWorkingDaysAfterTheRating() {
        io.siban.sla.calendar.WorkingCalendar calendar = DemoHalls.city(TODAY, 1).calendar();
        java.util.Map<java.util.UUID, HistoryRating> ratings = new java.util.HashMap<>();
        plan.ratings().forEach(r -> ratings.put(r.id(), r));
        for (HistoryRectification x : plan.rectifications()) {
            java.time.Instant rated = ratings.get(x.ratingId()).ratedAt();
            assertThat(x.openedAt()).isEqualTo(rated);
            assertThat(x.contactDue()).isEqualTo(calendar.sameTimeNthWorkingDay(rated, 1));
            assertThat(x.rectifyDue()).isEqualTo(calendar.endOfNthWorkingDay(rated, 15));
            io.siban.feedback.RectificationDues core = io.siban.feedback.RectificationDues.of(calendar, rated, 1, 15);
            assertThat(List.of(x.contactDue(), x.rectifyDue())).isEqualTo(List.of(core.contactDue(), core.rectifyDue()));
            assertThat(x.yellowFrom()).isEqualTo(x.state() == RectificationState.OPEN ? x.contactDue()
                    : io.siban.sla.deadline.SlaCards.yellowFrom(calendar, x.rectifyDue(), io.siban.sla.deadline.YellowThreshold.ONE_WORKING_DAY));
        }
        // rated Wed 2026-09-30 16:00, before 国庆 (10-01 to 10-07): contacted by Thu 10-08 16:00, rectified by the close of the
        // 15th working day, counting the make-up Saturday 10-10: Tue 10-27
        java.time.Instant rated = java.time.LocalDateTime.of(2026, 9, 30, 16, 0).atZone(HALL).toInstant();
        assertThat(calendar.sameTimeNthWorkingDay(rated, 1)).isEqualTo(java.time.LocalDateTime.of(2026, 10, 8, 16, 0).atZone(HALL).toInstant());
        assertThat(calendar.endOfNthWorkingDay(rated, 15)).isEqualTo(calendar.closingOn(LocalDate.of(2026, 10, 27)));
    }

    /** Steps agree with the row: the opening first, each step from the state the last one left, the row's times at its steps. */
    @Test
    void stepsAndCardsAgreeWithTheState() {
        java.util.Map<java.util.UUID, HistoryRating> ratings = new java.util.HashMap<>();
        plan.ratings().forEach(r -> ratings.put(r.id(), r));
        for (HistoryRectification x : plan.rectifications()) {
            List<HistoryRectification.Step> steps = x.steps();
            assertThat(steps.get(0)).isEqualTo(new HistoryRectification.Step(x.openedAt(), "system", "OPEN", null, RectificationState.OPEN, null));
            assertThat(steps).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
            for (int i = 1; i < steps.size(); i++) {
                assertThat(steps.get(i).from()).as(x.id() + " step " + i).isEqualTo(steps.get(i - 1).to());
                String action = steps.get(i).action();
                assertThat(RectificationMachine.next(steps.get(i).from(), RectificationAction.valueOf(action),
                        action.equals("UPHOLD") ? steps.get(i - 1).from() : null)).isEqualTo(steps.get(i).to());
                if (List.of("RECTIFY", "APPEAL", "EXCLUDE", "UPHOLD").contains(action)) {
                    assertThat(steps.get(i).note()).isNotBlank();
                }
                if (List.of("EXCLUDE", "UPHOLD").contains(action)) {
                    assertThat(steps.get(i).actor()).isNotEqualTo(steps.get(i - 1).actor());
                }
            }
            assertThat(steps.get(steps.size() - 1).to()).isEqualTo(x.state());
            assertThat(x.version()).isEqualTo(steps.size() - 1);
            assertThat(at(steps, "CONTACT")).isEqualTo(x.contactedAt());
            assertThat(at(steps, "RECTIFY")).isEqualTo(x.rectifiedAt());
            assertThat(at(steps, "CLOSE")).isEqualTo(x.closedAt());
            assertThat(at(steps, "EXCLUDE")).isEqualTo(x.excludedAt()).isEqualTo(ratings.get(x.ratingId()).excludedAt());
            if (x.state() == RectificationState.EXCLUDED) {
                assertThat(steps.stream().map(HistoryRectification.Step::action).toList()).containsSubsequence("APPEAL", "EXCLUDE");
            }
            assertThat(x.appealedFrom() != null).isEqualTo(x.state() == RectificationState.APPEALED || x.state() == RectificationState.EXCLUDED);
            assertThat(x.appealedBy() != null).isEqualTo(x.appealedFrom() != null);
            java.time.Instant end = x.running() ? TODAY.atStartOfDay(HALL).toInstant() : steps.get(steps.size() - 1).at();
            assertThat(x.card()).isEqualTo(x.cardChanges().isEmpty() ? io.siban.sla.deadline.SlaCard.GREEN
                    : x.cardChanges().get(x.cardChanges().size() - 1).card());
            assertThat(x.cardChanges()).allMatch(k -> k.at().isAfter(x.openedAt()) && !k.at().isAfter(end));
        }
        assertThat(plan.ratings()).filteredOn(r -> r.excludedAt() != null).hasSize((int) plan.rectifications().stream()
                .filter(x -> x.state() == RectificationState.EXCLUDED).count());
    }

    private static java.time.Instant at(List<HistoryRectification.Step> steps, String action) {
        return steps.stream().filter(s -> s.action().equals(action)).map(HistoryRectification.Step::at).findFirst().orElse(null);
    }
}
