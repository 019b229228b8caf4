package io.siban.queue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "siban.queue")
public interface QueueConfig {
    /**
     * Head start of each priority class over a NORMAL ticket of the same arrival. A NORMAL ticket
     * that has waited longer than a class's head start goes before newer tickets of that class
     * (max-wait promotion), so priority never starves the normal line.
     */
    HeadStart headStart();

    interface HeadStart {
        @WithDefault("PT10M")
        Duration appointment();

        @WithDefault("PT20M")
        Duration priority();

        @WithDefault("PT30M")
        Duration greenChannel();
    }

    /** How long after a no-show the citizen may reactivate the ticket. */
    @WithDefault("PT15M")
    Duration noShowGrace();

    /** A reactivated ticket goes back into line behind this many waiting tickets of its queue. */
    @WithDefault("3")
    int reactivatePenaltyPosition();

    /** Refuse a second pending ticket for the same ID number and item. */
    @WithDefault("true")
    boolean onePendingPerApplicant();

    /** Service time assumed for a queue before any has been measured. */
    @WithDefault("PT8M")
    Duration defaultServiceTime();

    /** Weight of the newest service time in the exponentially weighted average (0..1). */
    @WithDefault("0.2")
    double serviceTimeSmoothing();
}
