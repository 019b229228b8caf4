package io.siban.cases;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.siban.common.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/** Failed public lookups per case number and minute, shared by every instance through Redis. */
@ApplicationScoped
public class LookupThrottle {
    static final int ATTEMPTS_PER_MINUTE = 10;
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private final ReactiveValueCommands<String, Long> counters;
    private final ReactiveKeyCommands<String> keys;

    @Inject
    public LookupThrottle(ReactiveRedisDataSource redis) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
    }

    Uni<Void> check(String caseNumber) {
        return counters.get(key(caseNumber)).onFailure().recoverWithNull().invoke(failures -> {
            if (failures != null && failures >= ATTEMPTS_PER_MINUTE) {
                throw ProblemException.tooManyRequests("too many lookups of this case number; wait a minute", WINDOW);
            }
        }).replaceWithVoid();
    }

    Uni<Void> recordFailure(String caseNumber) {
        String key = key(caseNumber);
        return counters.incr(key).chain(count -> count == 1 ? keys.expire(key, WINDOW).replaceWithVoid() : Uni.createFrom().voidItem())
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private static String key(String caseNumber) {
        return "siban:lookup-failures:{" + caseNumber + "}";
    }
}
