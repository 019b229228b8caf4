package io.siban.security;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.siban.common.FailureCounter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/** Failed logins per username and minute, across instances (429 past the configured number). */
@ApplicationScoped
public class LoginThrottle {
    private final FailureCounter failures;

    @Inject
    public LoginThrottle(ReactiveRedisDataSource redis, SecurityConfig config) {
        this.failures = new FailureCounter(redis, "siban:login-failures:", config::loginAttemptsPerMinute, Duration.ofMinutes(1),
                "too many failed logins for this account; wait a minute");
    }

    public Uni<Void> check(String username) {
        return failures.check(username);
    }

    public Uni<Void> recordFailure(String username) {
        return failures.record(username);
    }
}
