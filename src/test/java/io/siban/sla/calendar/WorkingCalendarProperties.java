package io.siban.sla.calendar;

import io.siban.sla.deadline.DeadlineCalculator;
import io.siban.sla.deadline.DeadlineLimit;
import io.siban.sla.deadline.DeadlineResult;
import io.siban.sla.deadline.DeadlineRule;
import io.siban.sla.deadline.Pause;
import io.siban.sla.deadline.SlaCard;
import io.siban.sla.deadline.SlaCards;
import io.siban.sla.deadline.YellowThreshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;

/**
 * Invariants of the working-time arithmetic, run by each subclass against its own calendar between
 * December 2024 and early 2027.
 *
 * <p>The inputs are seeded generators: each property draws its tries from a {@link SplittableRandom}
 * seeded with {@link #SEED} (mixed with the property's name, so two properties over the same kind of
 * input still see different cases). The seed is fixed, so every run checks the same cases; run
 * {@code ./mvnw test -Dtest=ChinaCalendarProperties -Dsiban.property.seed=42} to explore others. A
 * failure reports the seed, the try and the generated case; to keep a counterexample, pin it as a
 * {@code @CsvSource} row of an example test.
 *
 * <p>Every generated number lies in the stated closed range, uniformly, except that about one draw in
 * 32 is the lower bound and one in 32 the upper bound, so that zero durations, empty pause lists and
 * the ends of the period are always among the cases.
 */
@ExtendWith(WorkingCalendarProperties.ReportSeedAndCase.class)
abstract class WorkingCalendarProperties {

    /** The system property that overrides the seed. */
    static final String SEED_PROPERTY = "siban.property.seed";
    static final long SEED = Long.getLong(SEED_PROPERTY, 20_241_201L);

    /** Display name of every try; {@link ReportSeedAndCase} reads the try number from it. */
    static final String TRY = "try {index}: {arguments}";

    /** 2024-12-01T00:00+08:00 .. 2026-12-31T00:00+08:00, in epoch seconds. */
    private static final long FROM = 1_732_982_400L;
    private static final long UNTIL = 1_798_646_400L;
    private static final long MAX_WORKING_SECONDS = 400L * 3600;

    private final WorkingCalendar calendar = calendar();

    abstract WorkingCalendar calendar();

    @ParameterizedTest(name = TRY)
    @MethodSource("startsAndDurations")
    void addThenMeasureGivesTheDuration(Instant begin, Duration workingTime) {
        assertThat(calendar.workingTimeBetween(begin, calendar.addWorkingTime(begin, workingTime))).isEqualTo(workingTime);
    }

    static Stream<Arguments> startsAndDurations() {
        return tries("addThenMeasureGivesTheDuration", 2000,
                r -> arguments(instant(r), Duration.ofSeconds(between(r, 0, MAX_WORKING_SECONDS))));
    }

    @ParameterizedTest(name = TRY)
    @MethodSource("startsOffsetsAndDurations")
    void subtractThenAddRoundTrips(Instant start, Duration offset, Duration workingTime) {
        Instant end = calendar.addWorkingTime(start, offset);
        Instant back = calendar.subtractWorkingTime(end, workingTime);
        assertThat(calendar.workingTimeBetween(back, end)).isEqualTo(workingTime);
        if (workingTime.getSeconds() > 0) {
            assertThat(calendar.addWorkingTime(back, workingTime)).isEqualTo(end);
        }
        assertThat(back).isBeforeOrEqualTo(end);
    }

    static Stream<Arguments> startsOffsetsAndDurations() {
        return tries("subtractThenAddRoundTrips", 2000, r -> arguments(instant(r),
                Duration.ofSeconds(between(r, 1, MAX_WORKING_SECONDS)), Duration.ofSeconds(between(r, 0, MAX_WORKING_SECONDS))));
    }

    @ParameterizedTest(name = TRY)
    @MethodSource("casesForOfficeHours")
    void dueIsInsideOfficeHoursOrExactlyAtAClosingTime(Case c) {
        DeadlineResult result = c.compute(calendar);
        Instant due = result.due();
        boolean closing = !calendar.isOfficeHours(due) && calendar.isOfficeHours(due.minusSeconds(1));
        assertThat(calendar.isOfficeHours(due) || closing).as("due %s", due).isTrue();
    }

    static Stream<Arguments> casesForOfficeHours() {
        return tries("dueIsInsideOfficeHoursOrExactlyAtAClosingTime", 2000, r -> arguments(aCase(r)));
    }

    @ParameterizedTest(name = TRY)
    @MethodSource("casesForBudget")
    void dueSpendsExactlyTheBudgetPlusThePausedTime(Case c) {
        DeadlineResult result = c.compute(calendar);
        Duration spent = calendar.workingTimeBetween(calendar.nextOpening(c.start()), result.due());
        assertThat(spent.getSeconds()).isEqualTo(result.workingSecondsBudget() + result.pausedWorkingSeconds());
    }

    static Stream<Arguments> casesForBudget() {
        return tries("dueSpendsExactlyTheBudgetPlusThePausedTime", 2000, r -> arguments(aCase(r)));
    }

    /**
     * With the same pauses this holds for working time only: under a day rule the nominal due does not
     * depend on the time of day, so a pause between two starts on the same day moves the earlier
     * start's due but not the later one's.
     */
    @ParameterizedTest(name = TRY)
    @MethodSource("casesAndDelays")
    void laterStartNeverGivesAnEarlierDue(Case c, Duration delay) {
        List<Pause> pauses = c.rule() == DeadlineRule.WORKING_TIME ? c.pauses() : List.of();
        Case earlier = new Case(c.start(), c.rule(), c.limit(), pauses);
        Case later = new Case(c.start().plus(delay), c.rule(), c.limit(), pauses);
        assertThat(later.compute(calendar).due()).isAfterOrEqualTo(earlier.compute(calendar).due());
    }

    static Stream<Arguments> casesAndDelays() {
        return tries("laterStartNeverGivesAnEarlierDue", 2000,
                r -> arguments(aCase(r), Duration.ofSeconds(between(r, 0, 10L * 86_400))));
    }

    @ParameterizedTest(name = TRY)
    @MethodSource("casesAndExtensions")
    void longerLimitNeverGivesAnEarlierDue(Case c, int more) {
        DeadlineLimit longer = c.limit().isWorkingTime()
                ? DeadlineLimit.workingTime(c.limit().workingTime().plusMinutes(more * 17L))
                : DeadlineLimit.workingDays(c.limit().workingDays() + more);
        Case longerCase = new Case(c.start(), c.rule(), longer, c.pauses());
        assertThat(longerCase.compute(calendar).due()).isAfterOrEqualTo(c.compute(calendar).due());
    }

    static Stream<Arguments> casesAndExtensions() {
        return tries("longerLimitNeverGivesAnEarlierDue", 2000, r -> arguments(aCase(r), (int) between(r, 0, 30)));
    }

    @ParameterizedTest(name = TRY)
    @MethodSource("casesAndPauseIndexes")
    void removingAPauseNeverMakesTheDueLater(Case c, int index) {
        if (c.pauses().isEmpty()) {
            return;
        }
        List<Pause> fewer = new ArrayList<>(c.pauses());
        fewer.remove(index % fewer.size());
        Case withFewer = new Case(c.start(), c.rule(), c.limit(), fewer);
        assertThat(withFewer.compute(calendar).due()).isBeforeOrEqualTo(c.compute(calendar).due());
    }

    static Stream<Arguments> casesAndPauseIndexes() {
        return tries("removingAPauseNeverMakesTheDueLater", 2000, r -> arguments(aCase(r), (int) between(r, 0, 9)));
    }

    @ParameterizedTest(name = TRY)
    @MethodSource("casesThresholdsAndNows")
    void cardTurnsYellowWhenAtMostTheThresholdRemains(Case c, Duration threshold, Instant at) {
        Instant due = c.compute(calendar).due();
        Instant yellow = SlaCards.yellowFrom(calendar, due, YellowThreshold.workingTime(threshold));
        assertThat(yellow).isBeforeOrEqualTo(due);
        long remaining = DeadlineCalculator.remainingWorkingSeconds(calendar, at, due);
        SlaCard card = SlaCards.evaluate(calendar, at, due, null, threshold);
        if (!at.isBefore(due)) {
            assertThat(card).isEqualTo(SlaCard.RED);
        } else {
            assertThat(card).isEqualTo(remaining <= threshold.getSeconds() ? SlaCard.YELLOW : SlaCard.GREEN);
        }
    }

    static Stream<Arguments> casesThresholdsAndNows() {
        return tries("cardTurnsYellowWhenAtMostTheThresholdRemains", 1000,
                r -> arguments(aCase(r), Duration.ofSeconds(between(r, 0, 30L * 3600)), instant(r)));
    }

    record Case(Instant start, DeadlineRule rule, DeadlineLimit limit, List<Pause> pauses) {
        DeadlineResult compute(WorkingCalendar calendar) {
            return DeadlineCalculator.compute(calendar, start, rule, limit, pauses);
        }

        @Override
        public String toString() {
            String amount = limit.isWorkingTime() ? limit.workingTime().toString() : limit.workingDays() + " working days";
            return "Case[start " + start + ", " + rule + " " + amount + ", pauses "
                    + pauses.stream().map(p -> p.from() + ".." + p.to()).collect(Collectors.joining(", ", "[", "]")) + "]";
        }
    }

    /**
     * A start between {@code FROM} and {@code UNTIL}, any rule with 1..25 working days or 1 s..200 h of
     * working time, and up to 10 pauses, each beginning between 3 days before and 40 days after the
     * start and lasting 0..6 days.
     */
    static Case aCase(SplittableRandom r) {
        Instant begin = instant(r);
        DeadlineRule rule = DeadlineRule.values()[r.nextInt(DeadlineRule.values().length)];
        DeadlineLimit limit = rule == DeadlineRule.WORKING_TIME
                ? DeadlineLimit.workingTime(Duration.ofSeconds(between(r, 1, 200L * 3600)))
                : DeadlineLimit.workingDays((int) between(r, 1, 25));
        int count = (int) between(r, 0, 10);
        List<Pause> pauses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long offset = between(r, -3L * 86_400, 40L * 86_400);
            long length = between(r, 0, 6L * 86_400);
            pauses.add(new Pause(begin.plusSeconds(offset), begin.plusSeconds(offset + length)));
        }
        return new Case(begin, rule, limit, List.copyOf(pauses));
    }

    /** An instant between {@code FROM} and {@code UNTIL}, whole seconds. */
    static Instant instant(SplittableRandom r) {
        return Instant.ofEpochSecond(between(r, FROM, UNTIL));
    }

    /** A number in {@code [min, max]}: one of the bounds one time in 16, otherwise uniform. */
    static long between(SplittableRandom r, long min, long max) {
        return switch (r.nextInt(32)) {
            case 0 -> min;
            case 1 -> max;
            default -> r.nextLong(min, max + 1);
        };
    }

    /** {@code count} tries of one property, each drawn from the property's own seeded random. */
    static Stream<Arguments> tries(String property, int count, Function<SplittableRandom, Arguments> draw) {
        SplittableRandom random = new SplittableRandom(SEED ^ property.hashCode());
        return IntStream.range(0, count).mapToObj(i -> draw.apply(random));
    }

    /**
     * Puts the seed, the try and the generated case in front of any failure of a property, so that the
     * Surefire output alone says how to reproduce it.
     */
    static final class ReportSeedAndCase implements InvocationInterceptor {

        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                                ExtensionContext extensionContext) throws Throwable {
            try {
                invocation.proceed();
            } catch (TestAbortedException aborted) {
                throw aborted;
            } catch (Throwable failure) {
                String displayName = extensionContext.getDisplayName();
                int colon = displayName.indexOf(':');
                String attempt = colon < 0 ? displayName : displayName.substring(0, colon);
                Parameter[] parameters = invocationContext.getExecutable().getParameters();
                List<Object> arguments = invocationContext.getArguments();
                String inputs = IntStream.range(0, arguments.size())
                        .mapToObj(i -> parameters[i].getName() + " = " + arguments.get(i))
                        .collect(Collectors.joining(", "));
                throw new AssertionError("%s falsified with -D%s=%d, %s: %s%n%s".formatted(
                        invocationContext.getExecutable().getName(), SEED_PROPERTY, SEED, attempt, inputs, failure), failure);
            }
        }
    }
}
