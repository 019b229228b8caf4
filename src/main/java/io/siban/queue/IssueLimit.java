package io.siban.queue;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.siban.common.problem.ProblemException;
import io.siban.security.HallAccess;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tickets a device may issue a minute, counted across instances: a stolen kiosk token cannot empty a
 * hall's numbers. Staff tokens are not counted (a clerk issues one ticket at a time).
 *
 * <p>A round trip to Redis for every ticket cost the issue path about two fifths of its throughput at 16
 * kiosks (docs/performance.md), so each instance takes a device's allowance from Redis in leases of up
 * to an eighth of the limit (at most 100) and counts the lease down locally: one Redis call per lease.
 * Redis grants no more than the limit per minute over all instances together; a lease an instance does not
 * use up is lost for that minute, so with several instances a device may be refused a little before
 * the limit. Limits of 8 or fewer go to Redis for every ticket, exactly. Without Redis nothing is refused.
 */
@ApplicationScoped
public class IssueLimit {
    private static final Logger LOG = Logger.getLogger(IssueLimit.class);
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_LEASE = 100;

    // KEYS[1] the device's count; ARGV: wanted, limit, window ms. Emits {granted, ms left in the window}.
    private static final String RESERVE = """
            local wanted = tonumber(ARGV[1])
            local total = redis.call('INCRBY', KEYS[1], wanted)
            if total == wanted then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
            local granted = math.max(0, math.min(wanted, tonumber(ARGV[2]) - (total - wanted)))
            return {granted, redis.call('PTTL', KEYS[1])}
            """;

    /** What this instance holds of a device's allowance in the current window. */
    private static final class Lease {
        int remaining;
        long expiresAt;
    }

    private final ReactiveRedisDataSource redis;
    private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();

    @Inject
    public IssueLimit(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<Void> take(HallAccess.DeviceLimit device) {
        if (device == null) {
            return Uni.createFrom().voidItem();
        }
        long now = System.currentTimeMillis();
        Lease lease = leases.computeIfAbsent(device.device(), d -> new Lease());
        synchronized (lease) {
            if (lease.expiresAt > now && lease.remaining > 0) {
                lease.remaining--;
                return Uni.createFrom().voidItem();
            }
        }
        int wanted = Math.max(1, Math.min(MAX_LEASE, device.ticketsPerMinute() / 8));
        return reserve(device, wanted).chain(reply -> leased(device, lease, reply, now));
    }

    /** Adds what Redis granted to the device's lease, less the ticket it is for; a failed Uni (429) when nothing was. */
    private static Uni<Void> leased(HallAccess.DeviceLimit device, Lease lease, Response reply, long now) {
        if (reply == null) {
            return Uni.createFrom().voidItem();
        }
        long granted = reply.get(0).toLong();
        long left = Math.max(1, reply.get(1).toLong());
        if (granted == 0) {
            return Uni.createFrom().failure(ProblemException.tooManyRequests("this device may issue " + device.ticketsPerMinute()
                    + " tickets a minute", Duration.ofMillis(left)));
        }
        synchronized (lease) {
            if (lease.expiresAt <= now) {
                lease.remaining = 0;
            }
            lease.remaining += (int) granted - 1;
            lease.expiresAt = Math.max(lease.expiresAt, now + left);
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Response> reserve(HallAccess.DeviceLimit device, int wanted) {
        return redis.execute("EVAL", RESERVE, "1", "siban:issued-by:{" + device.device() + "}", Integer.toString(wanted),
                        Integer.toString(device.ticketsPerMinute()), Long.toString(WINDOW.toMillis()))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("device issuing limit not counted, Redis unavailable: %s", failure.toString());
                    return null;
                });
    }
}
