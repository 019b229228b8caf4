package io.siban.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Invariants of the working-time arithmetic, run by each subclass against its own calendar between
 * December 2024 and early 2027.
 */
abstract class WorkingCalendarProperties {

    /** 2024-12-01T00:00+08:00 .. 2026-12-31T00:00+08:00, in epoch seconds. */
    private static final long FROM = 1_732_982_400L;
    private static final long UNTIL = 1_798_646_400L;
    private static final long MAX_WORKING_SECONDS = 400L * 3600;

    private final WorkingCalendar calendar = calendar();

    abstract WorkingCalendar calendar();

    @Property(tries = 2000)
    void addThenMeasureGivesTheDuration(@ForAll @LongRange(min = FROM, max = UNTIL) long start,
                                        @ForAll @LongRange(min = 0, max = MAX_WORKING_SECONDS) long seconds) {
        Instant begin = Instant.ofEpochSecond(start);
        Duration workingTime = Duration.ofSeconds(seconds);
        assertThat(calendar.workingTimeBetween(begin, calendar.addWorkingTime(begin, workingTime))).isEqualTo(workingTime);
    }

    @Property(tries = 2000)
    void subtractThenAddRoundTrips(@ForAll @LongRange(min = FROM, max = UNTIL) long start,
                                   @ForAll @LongRange(min = 1, max = MAX_WORKING_SECONDS) long offset,
                                   @ForAll @LongRange(min = 0, max = MAX_WORKING_SECONDS) long seconds) {
        Instant end = calendar.addWorkingTime(Instant.ofEpochSecond(start), Duration.ofSeconds(offset));
        Duration workingTime = Duration.ofSeconds(seconds);
        Instant back = calendar.subtractWorkingTime(end, workingTime);
        assertThat(calendar.workingTimeBetween(back, end)).isEqualTo(workingTime);
        if (seconds > 0) {
            assertThat(calendar.addWorkingTime(back, workingTime)).isEqualTo(end);
        }
        assertThat(back).isBeforeOrEqualTo(end);
    }

    @Property(tries = 2000)
    void dueIsInsideOfficeHoursOrExactlyAtAClosingTime(@ForAll("cases") Case c) {
        DeadlineResult result = c.compute(calendar);
        Instant due = result.due();
        boolean closing = !calendar.isOfficeHours(due) && calendar.isOfficeHours(due.minusSeconds(1));
        assertThat(calendar.isOfficeHours(due) || closing).as("due %s", due).isTrue();
    }

    @Property(tries = 2000)
    void dueSpendsExactlyTheBudgetPlusThePausedTime(@ForAll("cases") Case c) {
        DeadlineResult result = c.compute(calendar);
        Duration spent = calendar.workingTimeBetween(calendar.nextOpening(c.start()), result.due());
        assertThat(spent.getSeconds()).isEqualTo(result.workingSecondsBudget() + result.pausedWorkingSeconds());
    }

    /**
     * With the same pauses this holds for working time only: under a day rule the nominal due does not
     * depend on the time of day, so a pause between two starts on the same day moves the earlier
     * start's due but not the later one's.
     */
    @Property(tries = 2000)
    void laterStartNeverGivesAnEarlierDue(@ForAll("cases") Case c, @ForAll @LongRange(min = 0, max = 10L * 86_400) long delay) {
        List<Pause> pauses = c.rule() == DeadlineRule.WORKING_TIME ? c.pauses() : List.of();
        Case earlier = new Case(c.start(), c.rule(), c.limit(), pauses);
        Case later = new Case(c.start().plusSeconds(delay), c.rule(), c.limit(), pauses);
        assertThat(later.compute(calendar).due()).isAfterOrEqualTo(earlier.compute(calendar).due());
    }

    @Property(tries = 2000)
    void longerLimitNeverGivesAnEarlierDue(@ForAll("cases") Case c, @ForAll @IntRange(min = 0, max = 30) int more) {
        DeadlineLimit longer = c.limit().isWorkingTime()
                ? DeadlineLimit.workingTime(c.limit().workingTime().plusMinutes(more * 17L))
                : DeadlineLimit.workingDays(c.limit().workingDays() + more);
        Case longerCase = new Case(c.start(), c.rule(), longer, c.pauses());
        assertThat(longerCase.compute(calendar).due()).isAfterOrEqualTo(c.compute(calendar).due());
    }

    @Property(tries = 2000)
    void removingAPauseNeverMakesTheDueLater(@ForAll("cases") Case c, @ForAll @IntRange(min = 0, max = 9) int index) {
        if (c.pauses().isEmpty()) {
            return;
        }
        List<Pause> fewer = new ArrayList<>(c.pauses());
        fewer.remove(index % fewer.size());
        Case withFewer = new Case(c.start(), c.rule(), c.limit(), fewer);
        assertThat(withFewer.compute(calendar).due()).isBeforeOrEqualTo(c.compute(calendar).due());
    }

    @Property(tries = 1000)
    void cardTurnsYellowWhenAtMostTheThresholdRemains(@ForAll("cases") Case c,
                                                      @ForAll @LongRange(min = 0, max = 30L * 3600) long threshold,
                                                      @ForAll @LongRange(min = FROM, max = UNTIL) long now) {
        Instant due = c.compute(calendar).due();
        Instant yellow = SlaCards.yellowFrom(calendar, due, YellowThreshold.workingTime(Duration.ofSeconds(threshold)));
        assertThat(yellow).isBeforeOrEqualTo(due);
        Instant at = Instant.ofEpochSecond(now);
        long remaining = DeadlineCalculator.remainingWorkingSeconds(calendar, at, due);
        SlaCard card = SlaCards.evaluate(calendar, at, due, null, Duration.ofSeconds(threshold));
        if (!at.isBefore(due)) {
            assertThat(card).isEqualTo(SlaCard.RED);
        } else {
            assertThat(card).isEqualTo(remaining <= threshold ? SlaCard.YELLOW : SlaCard.GREEN);
        }
    }

    record Case(Instant start, DeadlineRule rule, DeadlineLimit limit, List<Pause> pauses) {
        DeadlineResult compute(WorkingCalendar calendar) {
            return DeadlineCalculator.compute(calendar, start, rule, limit, pauses);
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Long> starts = Arbitraries.longs().between(FROM, UNTIL);
        Arbitrary<DeadlineRule> rules = Arbitraries.of(DeadlineRule.class);
        Arbitrary<Integer> days = Arbitraries.integers().between(1, 25);
        Arbitrary<Long> workingSeconds = Arbitraries.longs().between(1, 200L * 3600);
        Arbitrary<List<long[]>> pauseOffsets = Combinators.combine(
                        Arbitraries.longs().between(-3L * 86_400, 40L * 86_400),
                        Arbitraries.longs().between(0, 6L * 86_400))
                .as((offset, length) -> new long[] {offset, length})
                .list().ofMaxSize(10);
        return Combinators.combine(starts, rules, days, workingSeconds, pauseOffsets).as((start, rule, n, seconds, offsets) -> {
            Instant begin = Instant.ofEpochSecond(start);
            DeadlineLimit limit = rule == DeadlineRule.WORKING_TIME
                    ? DeadlineLimit.workingTime(Duration.ofSeconds(seconds)) : DeadlineLimit.workingDays(n);
            List<Pause> pauses = offsets.stream()
                    .map(o -> new Pause(begin.plusSeconds(o[0]), begin.plusSeconds(o[0] + o[1])))
                    .toList();
            return new Case(begin, rule, limit, pauses);
        });
    }
}
