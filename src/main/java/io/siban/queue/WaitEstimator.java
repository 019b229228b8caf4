package io.siban.queue;

import java.time.Duration;

/**
 * Estimated wait for the k-th ticket in line when m open windows serve the queue with a mean
 * service time s. Completions at the windows are modelled as a Poisson process of rate m/s, so
 * the wait until k completions is Gamma(k, m/s); its median and 90th percentile come from the
 * Wilson–Hilferty approximation of the gamma quantile.
 */
public final class WaitEstimator {
    private static final double Z50 = 0.0;
    private static final double Z90 = 1.2815515655446004;

    private WaitEstimator() {
    }

    public record Estimate(Duration p50, Duration p90) {
    }

    /**
     * @param ahead        tickets that will be called before this one (0 = next)
     * @param openWindows  open windows that serve the queue (0: no estimate, both null)
     * @param meanService  mean service time per ticket at one window
     */
    public static Estimate estimate(long ahead, int openWindows, Duration meanService) {
        if (openWindows <= 0) {
            return new Estimate(null, null);
        }
        long k = ahead + 1;
        double scale = meanService.toMillis() / 1000.0 / openWindows;
        return new Estimate(seconds(gammaQuantile(k, Z50) * scale), seconds(gammaQuantile(k, Z90) * scale));
    }

    /** Wilson–Hilferty: quantile of Gamma(k, 1) for the standard normal quantile z. */
    static double gammaQuantile(long k, double z) {
        double a = 1.0 / (9.0 * k);
        double cube = 1.0 - a + z * Math.sqrt(a);
        return Math.max(0.0, k * cube * cube * cube);
    }

    private static Duration seconds(double value) {
        return Duration.ofSeconds(Math.round(value));
    }
}
