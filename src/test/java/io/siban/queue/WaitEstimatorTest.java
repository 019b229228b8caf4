package io.siban.queue;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WaitEstimatorTest {

    @Test
    void medianIsAboutTheMeanForLongLinesAndP90IsLater() {
        var estimate = WaitEstimator.estimate(99, 2, Duration.ofMinutes(6));
        // 100 completions at 2 windows of 6 minutes: mean 300 minutes
        assertThat(estimate.p50().toMinutes()).isBetween(295L, 300L);
        assertThat(estimate.p90()).isGreaterThan(estimate.p50());
        assertThat(estimate.p90().toMinutes()).isBetween(330L, 345L);
    }

    @Test
    void moreOpenWindowsShortenTheWait() {
        var one = WaitEstimator.estimate(10, 1, Duration.ofMinutes(5));
        var three = WaitEstimator.estimate(10, 3, Duration.ofMinutes(5));
        assertThat(three.p50()).isLessThan(one.p50());
        assertThat(three.p50().toSeconds()).isCloseTo(one.p50().toSeconds() / 3, within(2L));
    }

    @Test
    void theNextInLineWaitsLessThanOneServiceTimeAtTheMedian() {
        var next = WaitEstimator.estimate(0, 1, Duration.ofMinutes(10));
        // exponential median: ln 2 of the mean
        assertThat(next.p50().toSeconds()).isBetween(380L, 450L);
        assertThat(next.p90().toSeconds()).isBetween(1300L, 1450L);
    }

    @Test
    void noOpenWindowMeansNoEstimate() {
        var none = WaitEstimator.estimate(3, 0, Duration.ofMinutes(5));
        assertThat(none.p50()).isNull();
        assertThat(none.p90()).isNull();
    }
}
