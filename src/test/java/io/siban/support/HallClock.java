package io.siban.support;

import io.siban.common.Clocks;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The service's clock moved to a hall-local (China) time, for tests that walk a case or a rating through days. */
public final class HallClock {
    private HallClock() {
    }

    /** The instant of a China-local date-time, "2026-10-12T10:00:00". */
    public static Instant local(String local) {
        return OffsetDateTime.parse(local + "+08:00").toInstant();
    }

    /** Stops the service's clock at that local time. */
    public static void at(Clocks clocks, String local) {
        clocks.use(Clock.fixed(local(local), ZoneOffset.UTC));
    }
}
