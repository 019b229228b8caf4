package io.siban.queue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The walk-in's estimate counts the bookings that will be ahead of it: within the head start and before its call. */
class BookedAheadTest {
    static final Instant NOW = Instant.parse("2026-10-08T01:00:00Z");
    static final Duration HEAD_START = Duration.ofMinutes(10);
    static final long SEED = Long.getLong("siban.seed", 20261201L);

    /** One window, 4 minutes a ticket: the wait with {@code ahead + more} before it. */
    static Duration waitFor(long ahead, long more) {
        return WaitEstimator.estimate(ahead + more, 1, Duration.ofMinutes(4)).p50();
    }

    @Test
    void aBookingWithinTheHeadStartAndBeforeTheCallCountsOneLaterDoesNot() {
        List<Instant> starts = List.of(NOW.plus(Duration.ofMinutes(5)), NOW.plus(Duration.ofMinutes(11)));
        // three ahead: about 15 minutes' wait; the 5-minute booking goes ahead (5 − 10 < 0), the 11-minute one does not
        assertThat(BookedAhead.count(starts, NOW, NOW, HEAD_START, more -> waitFor(3, more))).isEqualTo(1);
    }

    @Test
    void aBookingAfterTheWalkInIsCalledDoesNotCount() {
        // nobody ahead: called in about 3 minutes, before the booking at 5 minutes arrives
        assertThat(BookedAhead.count(List.of(NOW.plus(Duration.ofMinutes(5))), NOW, NOW, HEAD_START, more -> waitFor(0, more))).isZero();
    }

    @Test
    void bookingsThatLengthenTheWaitBringMoreInAndAPastSlotStillExpectedCounts() {
        List<Instant> starts = List.of(NOW.minus(Duration.ofMinutes(5)), NOW.plus(Duration.ofMinutes(2)), NOW.plus(Duration.ofMinutes(6)));
        // one ahead: ~6.7 min; counting two makes it ~11.7, which brings the third in
        assertThat(BookedAhead.count(starts, NOW, NOW, HEAD_START, more -> waitFor(1, more))).isEqualTo(3);
        assertThat(BookedAhead.count(List.of(), NOW, NOW, HEAD_START, more -> waitFor(1, more))).isZero();
    }

    @Test
    void noEstimateCountsOnlyTheHeadStart() {
        List<Instant> starts = List.of(NOW.plus(Duration.ofMinutes(9)), NOW.plus(Duration.ofMinutes(10)));
        assertThat(BookedAhead.count(starts, NOW, NOW, HEAD_START, more -> null)).isEqualTo(1);
    }

    static Stream<Long> seeds() {
        SplittableRandom random = new SplittableRandom(SEED);
        return IntStream.range(0, 200).mapToObj(i -> random.nextLong());
    }

    /** Never more than the bookings inside the head start, and never fewer when more tickets wait ahead. */
    @ParameterizedTest
    @MethodSource("seeds")
    void theCountIsBoundedByTheHeadStartAndGrowsWithTheLine(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Instant> starts = new ArrayList<>();
        for (int i = random.nextInt(0, 20); i > 0; i--) {
            starts.add(NOW.plusSeconds(random.nextLong(-900, 3600)));
        }
        long ahead = random.nextLong(0, 30);
        long counted = BookedAhead.count(starts, NOW, NOW, HEAD_START, more -> waitFor(ahead, more));
        long inHeadStart = starts.stream().filter(s -> s.isBefore(NOW.plus(HEAD_START))).count();
        assertThat(counted).as("seed %d, starts %s, ahead %d", seed, starts, ahead).isBetween(0L, inHeadStart);
        assertThat(BookedAhead.count(starts, NOW, NOW, HEAD_START, more -> waitFor(ahead + 5, more)))
                .as("seed %d", seed).isGreaterThanOrEqualTo(counted);
    }
}
