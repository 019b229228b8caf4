package io.siban.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "siban.live")
public interface LiveConfig {
    /** Comment line sent to every stream subscriber when nothing else was sent, to keep proxies from closing it. */
    @WithDefault("PT15S")
    Duration heartbeat();

    /** Events buffered per stream subscriber; a slower client loses the overflow and catches up by reconnecting. */
    @WithDefault("512")
    int subscriberBuffer();

    /** At most this many missed events are replayed on reconnect with Last-Event-ID. */
    @WithDefault("1000")
    int replayLimit();

    /**
     * A resuming ticket stream looks for its ticket's missed events among at most this many of the hall's
     * latest events (older ones are reflected in the state it is sent next).
     */
    @WithDefault("5000")
    int ticketReplayWindow();

    /**
     * How often the publisher looks for undelivered events and for an emptied Redis, and the SLA card
     * sweep for due cases (common/Periodic: Quarkus' scheduler cannot go under a second).
     */
    @WithDefault("250ms")
    Duration sweepEvery();

    /** A sweep still running after this long is given up, so that the next one runs. */
    @WithDefault("30s")
    Duration sweepLimit();

    /** Finished tickets of a queue that feed its exponentially weighted service time. */
    @WithDefault("20")
    int serviceTimeSamples();

    /** Hall event streams one client address may hold open on an instance (a hall's screens behind one NAT share it). */
    @WithDefault("200")
    int streamsPerClient();

    /**
     * Ticket streams one client address may hold open on an instance, counted apart from the hall streams: a
     * hall's phones on its Wi-Fi share one address, and they must not use up its screens' place.
     */
    @WithDefault("1000")
    int ticketStreamsPerClient();

    /** Streams that may follow one ticket at once (its holder's phone and a tab or two); beyond, 429. */
    @WithDefault("3")
    int ticketStreamsPerTicket();

    /** Event streams an instance holds open at most; beyond, a new one is refused with 429 until one closes. */
    @WithDefault("10000")
    int streamsPerInstance();

    /**
     * Ticket streams (GET /api/v1/tickets/{id}/events) an instance holds open at most, counted apart from the
     * hall streams: a hall has thousands of phones following their tickets.
     */
    @WithDefault("2500")
    int ticketStreamsPerInstance();

    /** Ticket streams one client address may open per minute, on all instances together; beyond, 429 with Retry-After. */
    @WithDefault("1200")
    int ticketStreamOpensPerMinute();
}
