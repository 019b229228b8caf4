package io.siban.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook meters of /q/metrics: {@code siban_webhook_deliveries_total{result}} (delivered, failed:
 * an attempt that will be retried, dead) counted by the instance that made the attempt (sum over
 * instances), and the backlog read from PostgreSQL by every instance ({@code siban_webhook_pending}: not
 * attempted yet, {@code siban_webhook_lag_seconds}: the age of the oldest of those, {@code siban_webhook_retrying}:
 * failed at least once, not yet delivered or dead; take max), so one receiver that is down shows as retrying,
 * not as every lane lagging.
 */
@Singleton
public class WebhookMeters {
    private final Counter delivered;
    private final Counter failed;
    private final Counter dead;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong lagSeconds = new AtomicLong();
    private final AtomicLong retrying = new AtomicLong();

    @Inject
    public WebhookMeters(MeterRegistry registry) {
        delivered = counter(registry, "delivered");
        failed = counter(registry, "failed");
        dead = counter(registry, "dead");
        Gauge.builder("siban.webhook.pending", pending, AtomicLong::get).description("webhook deliveries not attempted yet").register(registry);
        Gauge.builder("siban.webhook.lag.seconds", lagSeconds, AtomicLong::get)
                .description("age of the oldest webhook delivery not attempted yet").register(registry);
        Gauge.builder("siban.webhook.retrying", retrying, AtomicLong::get)
                .description("webhook deliveries that failed at least once and are not yet delivered or dead").register(registry);
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("siban.webhook.deliveries").description("webhook delivery attempts by result").tag("result", result).register(registry);
    }

    void counted(String status) {
        switch (status) {
            case "DELIVERED" -> delivered.increment();
            case "DEAD" -> dead.increment();
            default -> failed.increment();
        }
    }

    void backlog(long fresh, long oldestFreshSeconds, long failing) {
        pending.set(fresh);
        lagSeconds.set(oldestFreshSeconds);
        retrying.set(failing);
    }
}
