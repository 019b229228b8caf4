package io.siban.common;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Counts failures per key in Redis for a time window, shared by every instance, and refuses with
 * 429 once the limit is reached. If Redis is unreachable nothing is counted and nothing refused.
 */
public final class FailureCounter {
    private final ReactiveValueCommands<String, Long> counters;
    private final ReactiveKeyCommands<String> keys;
    private final String prefix;
    private final IntSupplier limit;
    private final Duration window;
    private final String refusal;

    public FailureCounter(ReactiveRedisDataSource redis, String prefix, IntSupplier limit, Duration window, String refusal) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
        this.prefix = prefix;
        this.limit = limit;
        this.window = window;
        this.refusal = refusal;
    }

    public Uni<Void> check(String subject) {
        return counters.get(key(subject)).onFailure().recoverWithNull().invoke(failures -> {
            if (failures != null && failures >= limit.getAsInt()) {
                throw ProblemException.tooManyRequests(refusal, window);
            }
        }).replaceWithVoid();
    }

    public Uni<Void> record(String subject) {
        String key = key(subject);
        return counters.incr(key).chain(count -> count == 1 ? keys.expire(key, window).replaceWithVoid() : Uni.createFrom().voidItem())
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private String key(String subject) {
        return prefix + "{" + subject + "}";
    }
}
