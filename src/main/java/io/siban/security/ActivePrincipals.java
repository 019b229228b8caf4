package io.siban.security;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.siban.common.BusSubscription;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a token's account or device is still active, read from PostgreSQL and remembered for a
 * short while. A revocation evicts the entry here at once and on every other instance through
 * Redis; if Redis is away, the remembered answer expires after the configured time at the latest.
 */
@ApplicationScoped
public class ActivePrincipals {
    private static final Logger LOG = Logger.getLogger(ActivePrincipals.class);
    static final String CHANNEL = "siban:revocations";

    private record Entry(boolean active, long expiresAt) {
    }

    private final Map<String, Entry> remembered = new ConcurrentHashMap<>();
    private final ReactiveRedisDataSource redis;
    private volatile BusSubscription bus;

    @Inject
    Pool pool;
    @Inject
    SecurityConfig config;

    @Inject
    public ActivePrincipals(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    void start(@Observes StartupEvent event) {
        bus = new BusSubscription(redis, CHANNEL, CHANNEL, remembered::remove);
        bus.start();
    }

    @Scheduled(every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> watchdog() {
        return bus == null ? Uni.createFrom().voidItem() : bus.check();
    }

    void stop(@Observes ShutdownEvent event) {
        if (bus != null) {
            bus.stop();
        }
    }

    public Uni<Boolean> staffActive(String username) {
        return cached("staff:" + username, pool.preparedQuery("select active from staff where username = $1")
                .execute(Tuple.of(username)).map(rows -> rows.size() == 1 && rows.iterator().next().getBoolean(0)));
    }

    public Uni<Boolean> deviceActive(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().item(false);
        }
        return cached("device:" + id, pool.preparedQuery("select revoked_at is null from device where id = $1")
                .execute(Tuple.of(uuid)).map(rows -> rows.size() == 1 && rows.iterator().next().getBoolean(0)));
    }

    /** After a committed revocation: forget here, then tell the other instances. */
    public Uni<Void> revoked(String key) {
        remembered.remove(key);
        return redis.pubsub(String.class).publish(CHANNEL, key)
                .onFailure().invoke(failure -> LOG.warnf("revocation of %s not broadcast (%s); other instances drop it within %s",
                        key, failure.toString(), config.principalCacheTtl()))
                .onFailure().recoverWithNull();
    }

    private Uni<Boolean> cached(String key, Uni<Boolean> lookup) {
        Entry entry = remembered.get(key);
        long now = System.nanoTime();
        if (entry != null && entry.expiresAt() - now > 0) {
            return Uni.createFrom().item(entry.active());
        }
        return lookup.invoke(active -> remembered.put(key, new Entry(active, now + config.principalCacheTtl().toNanos())));
    }
}
