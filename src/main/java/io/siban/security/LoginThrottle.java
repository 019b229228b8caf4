package io.siban.security;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.siban.common.RateLimit;
import io.siban.common.RateLimit.Count;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Login attempts per client address and per (username, client address), across instances. Each
 * attempt is counted before the password is checked; a successful login gives its count back.
 * The account itself is never locked: its owner logs in from any other address meanwhile.
 */
@ApplicationScoped
public class LoginThrottle {
    private static final int MAX_SUBJECT = 64;
    private final RateLimit limit;
    private final SecurityConfig.Throttle config;

    @Inject
    public LoginThrottle(ReactiveRedisDataSource redis, SecurityConfig config) {
        this.config = config.login();
        this.limit = new RateLimit(redis, this.config.window(), this.config.maxWait());
    }

    /** Counts the attempt; fails with 429 and Retry-After once this address tried too often. */
    public Uni<Void> acquire(String address, String username) {
        return limit.acquire("too many failed logins from this address; wait before trying again", counts(address, username));
    }

    public Uni<Void> succeeded(String address, String username) {
        return limit.release(counts(address, username));
    }

    private Count[] counts(String address, String username) {
        String subject = username == null ? "" : username.length() > MAX_SUBJECT ? username.substring(0, MAX_SUBJECT) : username;
        // one hash tag per address, so both keys live in one slot and the script stays one round trip
        return new Count[]{new Count("siban:login:{" + address + "}", config.perAddress()),
                new Count("siban:login:{" + address + "}:user:" + subject, config.perSubjectAndAddress())};
    }
}
