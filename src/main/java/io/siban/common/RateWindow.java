package io.siban.common;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

import java.time.Duration;

/**
 * Counts hits per key in a fixed time window in Redis, shared by every instance: one atomic round
 * trip increments first and then decides, so parallel requests cannot all pass a check made before
 * any of them counted. Over the limit is a 429 whose Retry-After is the rest of the window. When Redis
 * cannot answer nothing is refused: the limits protect, the system of record is PostgreSQL.
 */
public final class RateWindow {
    private static final String SCRIPT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return {n, redis.call('PTTL', KEYS[1])}""";

    private final ReactiveRedisDataSource redis;
    private final String prefix;
    private final Duration window;

    public RateWindow(ReactiveRedisDataSource redis, String prefix, Duration window) {
        this.redis = redis;
        this.prefix = prefix;
        this.window = window;
    }

    /** Counts one hit on {@code subject}; fails with 429 once more than {@code limit} fell in the window. */
    public Uni<Void> hit(String subject, int limit, String refusal) {
        return count(subject).invoke(count -> {
            if (count != null && count.hits() > limit) {
                throw ProblemException.tooManyRequests(refusal, count.retryAfter());
            }
        }).replaceWithVoid();
    }

    /** The hits on {@code subject} in the current window, this one included; null when Redis cannot tell. */
    public Uni<Count> count(String subject) {
        return redis.execute("EVAL", SCRIPT, "1", prefix + "{" + subject + "}", Long.toString(window.toMillis()))
                .map(RateWindow::count)
                .onFailure().recoverWithNull();
    }

    private static Count count(Response response) {
        long ttl = response.get(1).toLong();
        return new Count(response.get(0).toLong(), Duration.ofMillis(ttl > 0 ? ttl : 1000));
    }

    public record Count(long hits, Duration retryAfter) {
    }
}
