package io.siban.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "siban.demo")
public interface DemoConfig {
    /** Seed the demo halls, items and logins at start-up (the demo profile turns it on). */
    @WithDefault("false")
    boolean seed();

    /** Where the demo kiosk token is written for scripts and load tests. */
    @WithDefault(".siban/demo-kiosk-token")
    String kioskTokenFile();

    /** Days of history seeded once before today (working days of each hall's calendar only). */
    @WithDefault("90")
    int historyDays();

    /** The history's random seed: the same seed on the same day gives the same history. */
    @WithDefault("20261201")
    long historySeed();

    /** Keep a gentle simulated flow going in the demo halls (the demo profile turns it on; SIBAN_DEMO_SIMULATE=false turns it off). */
    @WithDefault("false")
    boolean simulate();

    /** How often the simulated flow takes a step: each step may issue a ticket and moves each simulated window on. */
    @WithDefault("PT2S")
    Duration simulateEvery();

    /**
     * Mean seconds between two simulated tickets per simulated window (the city hall's nine make one
     * about every 7 s): a little slower than the windows serve, so lines form and clear.
     */
    @WithDefault("60")
    double simulateIssueSeconds();

    /** How fast the simulated clerks work: a service takes this share of its real length (1 = real time). */
    @WithDefault("0.08")
    double simulateServiceSpeed();

    /** Mean seconds between two moves of an open case in a hall; an online application arrives every 4.5 times as long. */
    @WithDefault("20")
    double simulateCaseSeconds();
}
