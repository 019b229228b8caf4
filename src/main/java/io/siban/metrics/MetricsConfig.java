package io.siban.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "siban.metrics")
public interface MetricsConfig {
    /**
     * How often each instance reads its gauges again (open cases by card, halls open, calendars
     * confirmed): at most this far behind, the same on every instance. Prometheus scrapes every 15 s
     * by default.
     */
    @WithDefault("PT15S")
    Duration refreshEvery();
}
