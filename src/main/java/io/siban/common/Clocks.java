package io.siban.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The one source of "now"; tests replace the clock to move time instead of sleeping. */
@ApplicationScoped
public class Clocks {
    private volatile Clock clock = Clock.systemUTC();

    @Produces
    @Singleton
    Clock clock() {
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return Clocks.this.clock.withZone(zone);
            }

            @Override
            public java.time.Instant instant() {
                return Clocks.this.clock.instant();
            }
        };
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** For tests: run the application on another clock. */
    public void use(Clock replacement) {
        this.clock = replacement;
    }

    public void reset() {
        this.clock = Clock.systemUTC();
    }
}
