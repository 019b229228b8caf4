package io.siban.appointment;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.siban.common.RateLimit;
import io.siban.common.RateLimit.Count;
import io.siban.security.SecurityConfig;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.UUID;

/**
 * The public appointment endpoints' limits, per client address across instances: slot reads a minute,
 * and booking-code lookups (read, cancel) as the case lookup counts them: per address over all bookings
 * and per (address, booking); a right code gives its count back, so only wrong guesses add up.
 */
@Singleton
public class AppointmentThrottle {
    private final RateLimit slotReads;
    private final RateLimit codes;
    private final SecurityConfig.Throttle codeConfig;
    private final AppointmentConfig config;

    @Inject
    public AppointmentThrottle(ReactiveRedisDataSource redis, SecurityConfig security, AppointmentConfig config) {
        this.config = config;
        this.codeConfig = security.caseLookup();
        this.slotReads = new RateLimit(redis, Duration.ofMinutes(1), Duration.ofMinutes(10));
        this.codes = new RateLimit(redis, codeConfig.window(), codeConfig.maxWait());
    }

    public Uni<Void> slotRead(String address) {
        return slotReads.acquire("too many slot reads from this address; wait before trying again",
                new Count("siban:slots:{" + address + "}", config.slotReadsPerMinute()));
    }

    /** A read by a token of the hall (its mobile backend, its staff): its own allowance, not its address's. */
    public Uni<Void> slotReadOfHall(String actor) {
        return slotReads.acquire("too many slot reads with this token; wait before trying again",
                new Count("siban:slots:token:{" + actor + "}", config.hallSlotReadsPerMinute()));
    }

    public Uni<Void> codeLookup(String address, UUID appointment) {
        return codes.acquire("too many booking-code lookups from this address; wait before trying again", counts(address, appointment));
    }

    public Uni<Void> codeMatched(String address, UUID appointment) {
        return codes.release(counts(address, appointment));
    }

    private Count[] counts(String address, UUID appointment) {
        return new Count[]{new Count("siban:booking-code:{" + address + "}", codeConfig.perAddress()),
                new Count("siban:booking-code:{" + address + "}:" + appointment, codeConfig.perSubjectAndAddress())};
    }
}
