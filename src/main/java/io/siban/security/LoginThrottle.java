package io.siban.security;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.siban.common.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Counts failed logins per username for a minute, in Redis so every instance shares the count.
 * If Redis is unreachable, logins are not throttled rather than refused.
 */
@ApplicationScoped
public class LoginThrottle {
    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final ReactiveValueCommands<String, Long> counters;
    private final ReactiveKeyCommands<String> keys;
    @Inject
    SecurityConfig config;

    @Inject
    public LoginThrottle(ReactiveRedisDataSource redis) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
    }

    public Uni<Void> check(String username) {
        return counters.get(key(username))
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("login throttle unavailable: %s", failure.toString());
                    return null;
                })
                .invoke(failures -> {
                    if (failures != null && failures >= config.loginAttemptsPerMinute()) {
                        throw ProblemException.tooManyRequests("too many failed logins for this account; wait a minute", WINDOW);
                    }
                })
                .replaceWithVoid();
    }

    public Uni<Void> recordFailure(String username) {
        String key = key(username);
        return counters.incr(key)
                .chain(count -> count == 1 ? keys.expire(key, WINDOW).replaceWithVoid() : Uni.createFrom().voidItem())
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static String key(String username) {
        return "siban:login-failures:{" + username + "}";
    }
}
