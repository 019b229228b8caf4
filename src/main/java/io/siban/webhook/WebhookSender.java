package io.siban.webhook;

import io.siban.common.Clocks;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends deliveries, one lane per subscription: an instance claims a lane whose head is due (a lease
 * row, so one instance sends it at a time; renewed with every recorded attempt), then sends its
 * deliveries one at a time in order ({@link WebhookCall} makes each call), recording each outcome before the next; the first that fails
 * ends the run (its retry is the new head, so order holds), and the lane is let go. No PostgreSQL
 * connection or lock is held during a call; each call has a deadline; at most
 * {@code lanes-per-instance} lanes run at once on an instance, so a slow receiver holds its own lane
 * only. Woken after a fan-out that made deliveries, and by the sweep (retries falling due).
 */
@ApplicationScoped
public class WebhookSender {
    private static final Logger LOG = Logger.getLogger(WebhookSender.class);

    @Inject
    WebhookStore store;
    @Inject
    WebhookConfig config;
    @Inject
    WebhookCall call;
    @Inject
    Clocks clocks;
    @Inject
    WebhookMeters meters;

    private final String holder = "siban-" + UUID.randomUUID();
    private final Map<UUID, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean claimAgain = new AtomicBoolean();
    private final AtomicLong wakes = new AtomicLong();
    private volatile boolean stopped;
    private Backoff backoff;

    @PostConstruct
    void start() {
        backoff = new Backoff(config.retryBase(), config.retryCap(), config.giveUpAfter());
    }

    @PreDestroy
    void stop() {
        stopped = true;
    }

    private static final class Lane {
        final UUID id;
        final Deque<Row> queue = new ArrayDeque<>();
        long seen;

        Lane(UUID id) {
            this.id = id;
        }
    }

    /** Claims the lanes due, now or right after the claim in progress. */
    public void wake() {
        wakes.incrementAndGet();
        if (stopped) {
            return;
        }
        if (!claiming.compareAndSet(false, true)) {
            claimAgain.set(true);
            return;
        }
        claim().subscribe().with(ignored -> claimed(), failure -> {
            LOG.warnf("webhook lanes not claimed: %s", failure.toString());
            claimed();
        });
    }

    private void claimed() {
        claiming.set(false);
        if (claimAgain.getAndSet(false)) {
            wake();
        }
    }

    private Uni<Void> claim() {
        int free = config.lanesPerInstance() - lanes.size();
        if (free <= 0) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime now = clocks.now();
        return store.claim(holder, now.plus(config.lease()), now, lanes.keySet().toArray(UUID[]::new), free)
                .invoke(claimed -> claimed.forEach(this::run))
                .replaceWithVoid();
    }

    private void run(UUID id) {
        Lane lane = new Lane(id);
        if (lanes.putIfAbsent(id, lane) != null) {
            return;
        }
        Multi.createBy().repeating().uni(() -> step(lane)).whilst(more -> more)
                .collect().last()
                .onFailure().invoke(failure -> LOG.warnf("webhook lane stopped: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .chain(() -> store.release(id, holder))
                .subscribe().with(ignored -> letGo(lane), failure -> letGo(lane));
    }

    /** A lane let go: if events arrived since it last looked, they may be its own, so claim again. */
    private void letGo(Lane lane) {
        lanes.remove(lane.id);
        if (wakes.get() != lane.seen) {
            wake();
        }
    }

    /** Sends the lane's head; emits whether to go on with the next. */
    private Uni<Boolean> step(Lane lane) {
        if (stopped) {
            return Uni.createFrom().item(false);
        }
        if (lane.queue.isEmpty()) {
            lane.seen = wakes.get();
            return store.head(lane.id).chain(rows -> {
                rows.forEach(lane.queue::add);
                return lane.queue.isEmpty() ? Uni.createFrom().item(false) : step(lane);
            });
        }
        Row head = lane.queue.peekFirst();
        OffsetDateTime now = clocks.now();
        if (head.getOffsetDateTime("next_attempt_at").isAfter(now)) {
            return Uni.createFrom().item(false);
        }
        lane.queue.removeFirst();
        return call.attempt(head).chain(outcome -> record(lane, head, outcome));
    }

    private Uni<Boolean> record(Lane lane, Row head, WebhookCall.Outcome outcome) {
        OffsetDateTime now = clocks.now();
        int attempts = head.getInteger("attempts") + 1;
        OffsetDateTime first = head.getOffsetDateTime("first_attempt_at") == null ? now : head.getOffsetDateTime("first_attempt_at");
        WebhookStore.Attempt attempt;
        if (outcome.delivered()) {
            attempt = new WebhookStore.Attempt("DELIVERED", now, null, outcome.status(), null, now);
        } else {
            var next = backoff.next(first.toInstant(), now.toInstant(), attempts, ThreadLocalRandom.current()::nextDouble);
            attempt = new WebhookStore.Attempt(next == null ? "DEAD" : "FAILED", now, next == null ? null : next.atOffset(ZoneOffset.UTC),
                    outcome.status(), outcome.error(), null);
        }
        return store.record(lane.id, holder, now.plus(config.lease()), head.getLong("id"), attempt).map(kept -> {
            if (!kept) {
                LOG.infof("webhook lane %s was taken over; this instance stops sending it", lane.id);
                return false;
            }
            meters.counted(attempt.status());
            return outcome.delivered();
        });
    }

    /** Stops sending (lanes end after their call in progress), as an instance that is down; for tests. */
    void pause() {
        stopped = true;
    }

    /** Sends again after {@link #pause}. */
    void resume() {
        stopped = false;
        wake();
    }

    /** How many lanes this instance sends now. */
    int lanesRunning() {
        return lanes.size();
    }
}
