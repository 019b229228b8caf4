package io.siban.common;

import io.siban.common.problem.ProblemException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Attempts per key, counted in Redis and shared by every instance. An attempt is counted before
 * anything is decided, in one script (one round trip), so parallel attempts cannot all slip in
 * under the limit the way check-then-count lets them. Past its limit a key answers with a wait
 * that doubles with each further attempt (one window, two, four, … up to the ceiling); it forgets
 * once that wait has passed quietly. Nothing is ever locked for good.
 *
 * <p>If Redis cannot be reached the attempt is allowed and a warning logged (fail open): the
 * service stays usable and only the throttling is off until Redis is back.
 */
public final class RateLimit {
    private static final Logger LOG = Logger.getLogger(RateLimit.class);

    /** One key and how many attempts it allows in a window. */
    public record Count(String key, int limit) {
    }

    // KEYS: the counts in order; ARGV: window ms, ceiling ms, then each key's limit.
    // The first key over its limit refuses; the keys before it give their attempt back, since it
    // never reaches what they guard. Emits the wait in ms, 0 when allowed.
    private static final String HIT = """
            local window = tonumber(ARGV[1])
            local ceiling = tonumber(ARGV[2])
            for i, key in ipairs(KEYS) do
              local n = redis.call('INCR', key)
              if n == 1 then redis.call('PEXPIRE', key, window) end
              local over = n - tonumber(ARGV[i + 2])
              if over > 0 then
                local wait = math.min(window * 2 ^ math.min(over - 1, 40), ceiling)
                if redis.call('PTTL', key) < wait then redis.call('PEXPIRE', key, wait) end
                for j = 1, i - 1 do redis.call('DECR', KEYS[j]) end
                return redis.call('PTTL', key)
              end
            end
            return 0
            """;
    // An allowed attempt that turned out fine gives its count back, so only failures add up.
    private static final String RELEASE = """
            for i, key in ipairs(KEYS) do
              if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
            end
            return 0
            """;

    private final ReactiveRedisDataSource redis;
    private final Duration window;
    private final Duration ceiling;

    public RateLimit(ReactiveRedisDataSource redis, Duration window, Duration ceiling) {
        this.redis = redis;
        this.window = window;
        this.ceiling = ceiling.compareTo(window) < 0 ? window : ceiling;
    }

    /** Counts one attempt against each key; emits null when allowed, else how long to wait (whole seconds, at least one). */
    public Uni<Duration> hit(Count... counts) {
        List<String> args = new ArrayList<>();
        args.add(HIT);
        args.add(Integer.toString(counts.length));
        for (Count c : counts) {
            args.add(c.key());
        }
        args.add(Long.toString(window.toMillis()));
        args.add(Long.toString(ceiling.toMillis()));
        for (Count c : counts) {
            args.add(Integer.toString(c.limit()));
        }
        return redis.execute("EVAL", args.toArray(String[]::new))
                .map(reply -> {
                    long millis = reply == null ? 0 : reply.toLong();
                    return millis == 0 ? null : Duration.ofSeconds(Math.max(1, (millis + 999) / 1000));
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("rate limit not counted, Redis unavailable: %s", failure.toString());
                    return null;
                });
    }

    /** Like {@link #hit}, failing with 429 and Retry-After when a key is over its limit. */
    public Uni<Void> acquire(String refusal, Count... counts) {
        return hit(counts).invoke(wait -> {
            if (wait != null) {
                throw ProblemException.tooManyRequests(refusal, wait);
            }
        }).replaceWithVoid();
    }

    /** Gives back the attempt of an allowed request that succeeded. */
    public Uni<Void> release(Count... counts) {
        List<String> args = new ArrayList<>();
        args.add(RELEASE);
        args.add(Integer.toString(counts.length));
        for (Count c : counts) {
            args.add(c.key());
        }
        return redis.execute("EVAL", args.toArray(String[]::new)).replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
