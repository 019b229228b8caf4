package io.siban.queue;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.siban.common.RateLimit;
import io.siban.security.HallAccess;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * Tickets a device may issue a minute, counted across instances: a stolen kiosk token cannot empty a
 * hall's numbers. Staff tokens are not counted (a clerk issues one ticket at a time).
 */
@ApplicationScoped
public class IssueLimit {
    private final RateLimit limit;

    @Inject
    public IssueLimit(ReactiveRedisDataSource redis) {
        this.limit = new RateLimit(redis, Duration.ofMinutes(1), Duration.ofMinutes(1));
    }

    Uni<Void> take(HallAccess.DeviceLimit device) {
        if (device == null) {
            return Uni.createFrom().voidItem();
        }
        return limit.acquire("this device may issue " + device.ticketsPerMinute() + " tickets a minute",
                new RateLimit.Count("siban:issued-by:{" + device.device() + "}", device.ticketsPerMinute()));
    }
}
