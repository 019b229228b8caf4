package io.siban.live;

import io.siban.outbox.HallEvent;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.siban.common.BusSubscription;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * One hot Redis subscription per instance feeds every stream subscriber of every hall. A new
 * subscriber is registered before its missed events are read from PostgreSQL, so nothing published
 * meanwhile slips between the replay and the live part; events are delivered in id order, once.
 */
@ApplicationScoped
public class HallStreams {
    private static final Logger LOG = Logger.getLogger(HallStreams.class);

    static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Set<Listener>> listeners = new ConcurrentHashMap<>();
    private final ReactiveRedisDataSource redis;
    private volatile BusSubscription bus;

    @Inject
    Pool pool;
    @Inject
    LiveConfig config;

    @Inject
    public HallStreams(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    void start(@Observes StartupEvent event) {
        bus = new BusSubscription(redis, "siban:events:*", "siban:events:{siban-ping}", this::deliver, this::catchUp);
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

    /** Subscribers currently attached to a hall's stream (for tests and metrics). */
    public int subscribers(String hall) {
        Set<Listener> set = listeners.get(hall);
        return set == null ? 0 : set.size();
    }

    /**
     * The hall's events after {@code lastEventId} (replayed from PostgreSQL, at most the replay limit),
     * then live ones. Without a last id, live events only.
     */
    public Multi<HallEvent> events(String hall, Long lastEventId) {
        return Multi.createFrom().<HallEvent>emitter(emitter -> {
                    Listener listener = new Listener(emitter, lastEventId == null ? -1 : lastEventId, after -> replay(hall, after));
                    listeners.computeIfAbsent(hall, h -> new CopyOnWriteArraySet<>()).add(listener);
                    emitter.onTermination(() -> remove(hall, listener));
                    Uni<List<HallEvent>> missed = lastEventId == null ? Uni.createFrom().item(List.of()) : replay(hall, lastEventId);
                    missed.subscribe().with(listener::attach, emitter::fail);
                }, BackPressureStrategy.ERROR)
                .onOverflow().buffer(config.subscriberBuffer());
    }

    private void remove(String hall, Listener listener) {
        Set<Listener> set = listeners.get(hall);
        if (set != null) {
            set.remove(listener);
        }
    }

    private Uni<List<HallEvent>> replay(String hall, long after) {
        return pool.preparedQuery("""
                        select seq, type, payload from event_outbox where hall_code = $1 and seq > $2
                        order by seq limit $3""")
                .execute(Tuple.of(hall, after, config.replayLimit()))
                .ifNoItem().after(REPLAY_TIMEOUT).fail()
                .map(rows -> {
                    List<HallEvent> events = new ArrayList<>();
                    for (Row r : rows) {
                        events.add(new HallEvent(hall, r.getLong("seq"), r.getString("type"), HallEvent.payloadOf(r.getValue("payload"))));
                    }
                    return events;
                });
    }

    /**
     * After the bus (re)subscribed, e.g. when Redis came back: events published while it did not
     * listen reached no one, so every stream fetches what it missed from PostgreSQL.
     */
    private void catchUp() {
        listeners.values().forEach(set -> set.forEach(Listener::refill));
    }

    /** A bus message: a hall's events of one delivery batch, in order (a JSON array), or a single event. */
    private void deliver(String message) {
        List<HallEvent> events = new ArrayList<>();
        try {
            if (message.startsWith("[")) {
                new JsonArray(message).forEach(event -> events.add(HallEvent.fromJson((JsonObject) event)));
            } else {
                events.add(HallEvent.fromJson(new JsonObject(message)));
            }
        } catch (RuntimeException e) {
            LOG.warnf("unreadable event on the bus: %s", message);
            return;
        }
        for (HallEvent event : events) {
            Set<Listener> set = listeners.get(event.hall());
            if (set != null) {
                set.forEach(listener -> listener.offer(event));
            }
        }
    }

    /**
     * Holds live events back until the replay is out, then passes each new id once. A live event that
     * skips ids (a bus message lost) holds the stream back again until the skipped ones are read from
     * PostgreSQL, so a subscriber sees every id in order.
     */
    private static final class Listener {
        private final MultiEmitter<? super HallEvent> emitter;
        private final ArrayDeque<HallEvent> pending = new ArrayDeque<>();
        private final AtomicLong lastSent;
        private final LongFunction<Uni<List<HallEvent>>> replayAfter;
        private boolean attached;

        Listener(MultiEmitter<? super HallEvent> emitter, long lastSent, LongFunction<Uni<List<HallEvent>>> replayAfter) {
            this.emitter = emitter;
            this.lastSent = new AtomicLong(lastSent);
            this.replayAfter = replayAfter;
        }

        synchronized void offer(HallEvent event) {
            if (!attached) {
                if (pending.size() < 10_000) {
                    pending.add(event);
                }
                return;
            }
            if (skipsAhead(event)) {
                pending.add(event);
                refill();
                return;
            }
            send(event);
        }

        /** Reads what came after the last id sent from PostgreSQL, holding live events back meanwhile. */
        synchronized void refill() {
            if (!attached || lastSent.get() < 0) {
                return;
            }
            attached = false;
            read();
        }

        synchronized void attach(List<HallEvent> replayed) {
            replayed.forEach(this::send);
            HallEvent next = pending.peek();
            if (next != null && !replayed.isEmpty() && skipsAhead(next)) {
                // the replay stopped at its limit short of the events held back: read on
                read();
                return;
            }
            while (!pending.isEmpty()) {
                send(pending.poll());
            }
            attached = true;
        }

        /** Whether ids between the last one sent and this event's are missing. */
        private boolean skipsAhead(HallEvent event) {
            return lastSent.get() >= 0 && event.seq() > lastSent.get() + 1;
        }

        private void read() {
            replayAfter.apply(lastSent.get()).subscribe().with(this::attach, this::end);
        }

        /** Without the events it misses the stream cannot go on in order: the client reconnects with its last id. */
        private void end(Throwable failure) {
            LOG.debugf("stream ended, its missed events could not be read: %s", failure.toString());
            emitter.fail(failure);
        }

        private void send(HallEvent event) {
            if (event.seq() > lastSent.get() || lastSent.get() < 0) {
                lastSent.set(event.seq());
                emitter.emit(event);
            }
        }
    }
}
