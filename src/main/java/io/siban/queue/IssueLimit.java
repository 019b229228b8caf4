package io.siban.queue;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.siban.common.RateWindow;
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
    private final RateWindow window;

    @Inject
    public IssueLimit(ReactiveRedisDataSource redis) {
        this.window = new RateWindow(redis, "siban:issued-by:", Duration.ofMinutes(1));
    }

    Uni<Void> take(HallAccess.DeviceLimit device) {
        if (device == null) {
            return Uni.createFrom().voidItem();
        }
        return window.hit(device.device(), device.ticketsPerMinute(),
                "this device may issue " + device.ticketsPerMinute() + " tickets a minute");
    }
}
