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

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends deliveries, one lane per subscription: an instance claims a lane whose head is due (a lease
 * row, so one instance sends it at a time, set and compared in the database's time and renewed when a
 * run is recorded), then sends its deliveries one at a time in order ({@link WebhookCall} makes each
 * call) and records the run's outcomes in one statement; the first that fails ends the run (its retry is
 * the new head, so order holds), as does the run's budget ({@link #runBudget}: the last attempt and its
 * record fit in the lease), and the lane is let go. No PostgreSQL
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
        checkTimes(config.timeout(), config.lease());
        backoff = new Backoff(config.retryBase(), config.retryCap(), config.giveUpAfter());
    }

    /** The service does not start with a lease that an attempt could outlast. */
    void boot(@Observes StartupEvent ignored) {
        checkTimes(config.timeout(), config.lease());
    }

    static void checkTimes(Duration timeout, Duration lease) {
        if (timeout.isNegative() || timeout.isZero() || timeout.multipliedBy(2).compareTo(lease) >= 0) {
            throw new IllegalStateException("siban.webhooks.lease (" + lease + ") must be more than twice siban.webhooks.timeout (" + timeout
                    + "): a lane's holder must be able to finish an attempt and record it before its lease runs out");
        }
    }

    /**
     * How long a run may go on starting attempts: the last one, started just before the end, is answered
     * or timed out and recorded (renewing the lease) before the lease taken at its start could run out.
     */
    static Duration runBudget(Duration timeout, Duration lease) {
        return lease.minus(timeout).minus(lease.dividedBy(10));
    }

    @PreDestroy
    void stop() {
        stopped = true;
    }

    private static final class Lane {
        final UUID id;
        final Deque<Row> queue = new ArrayDeque<>();
        long seen;
        /** The subscription was deleted here: nothing more is sent from this lane. */
        volatile boolean dropped;
        /** The run broke off (its outcomes not recorded): this instance waits a retry base before claiming the lane again. */
        boolean failed;

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
        return store.claim(holder, config.lease().toMillis(), now, lanes.keySet().toArray(UUID[]::new), free)
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
                .onFailure().invoke(failure -> {
                    LOG.warnf("webhook lane %s stopped: %s", id, failure.toString());
                    lane.failed = true;
                })
                .onFailure().recoverWithNull()
                .chain(() -> store.release(id, holder))
                .onFailure().recoverWithNull()
                .chain(() -> lane.failed ? Uni.createFrom().voidItem().onItem().delayIt().by(config.retryBase()) : Uni.createFrom().voidItem())
                .subscribe().with(ignored -> letGo(lane), failure -> letGo(lane));
    }

    /** A lane let go: if events arrived since it last looked, they may be its own, so claim again. */
    private void letGo(Lane lane) {
        lanes.remove(lane.id);
        if (wakes.get() != lane.seen) {
            wake();
        }
    }

    /**
     * Sends the lane's due deliveries in order, each after the one before was answered 2xx, then records
     * them all in one statement: a run ends at the first failure, at a head not yet due, when the
     * subscription was deleted here, or at its {@link #runBudget}. A crash before the record sends the run again, in the same order and under
     * the same webhook-ids (at least once). Emits whether to go on with the next run.
     */
    private Uni<Boolean> step(Lane lane) {
        if (stopped || lane.dropped) {
            return Uni.createFrom().item(false);
        }
        if (lane.queue.isEmpty()) {
            lane.seen = wakes.get();
            return store.head(lane.id).chain(rows -> {
                rows.forEach(lane.queue::add);
                return lane.queue.isEmpty() ? Uni.createFrom().item(false) : step(lane);
            });
        }
        List<WebhookStore.Attempt> run = new ArrayList<>();
        long until = System.nanoTime() + runBudget(config.timeout(), config.lease()).toNanos();
        return send(lane, run, until).chain(goOn -> run.isEmpty() ? Uni.createFrom().item(false) : record(lane, run, goOn));
    }

    /** Sends heads while they are due and delivered; emits whether the run ended with everything sent delivered. */
    private Uni<Boolean> send(Lane lane, List<WebhookStore.Attempt> run, long until) {
        Row head = lane.queue.peekFirst();
        if (head == null) {
            return Uni.createFrom().item(true);
        }
        if (stopped || lane.dropped || System.nanoTime() > until) {
            return Uni.createFrom().item(true);
        }
        if (head.getOffsetDateTime("next_attempt_at").isAfter(clocks.now())) {
            return Uni.createFrom().item(false);
        }
        lane.queue.removeFirst();
        return call.attempt(head).chain(outcome -> {
            WebhookStore.Attempt attempt = attempt(head, outcome);
            run.add(attempt);
            return outcome.delivered() ? send(lane, run, until) : Uni.createFrom().item(false);
        });
    }

    private WebhookStore.Attempt attempt(Row head, WebhookCall.Outcome outcome) {
        OffsetDateTime now = clocks.now();
        long id = head.getLong("id");
        if (outcome.delivered()) {
            return new WebhookStore.Attempt(id, "DELIVERED", now, null, outcome.status(), null, now);
        }
        int attempts = head.getInteger("attempts") + 1;
        OffsetDateTime first = head.getOffsetDateTime("first_attempt_at") == null ? now : head.getOffsetDateTime("first_attempt_at");
        var next = backoff.next(first.toInstant(), now.toInstant(), attempts, ThreadLocalRandom.current()::nextDouble);
        return new WebhookStore.Attempt(id, next == null ? "DEAD" : "FAILED", now, next == null ? null : next.atOffset(ZoneOffset.UTC),
                outcome.status(), outcome.error(), null);
    }

    private Uni<Boolean> record(Lane lane, List<WebhookStore.Attempt> run, boolean goOn) {
        return store.record(lane.id, holder, config.lease().toMillis(), run).map(kept -> {
            if (!kept) {
                LOG.infof("webhook lane %s was taken over; this instance stops sending it", lane.id);
                return false;
            }
            run.forEach(attempt -> meters.counted(attempt.status()));
            return goOn;
        });
    }

    /**
     * The subscription is gone: its lane on this instance sends nothing after the call in progress (whose
     * outcome is not recorded: the lane's rows went with the subscription). A lane another instance runs
     * stops at its next record, which finds no lane.
     */
    void drop(UUID subscription) {
        Lane lane = lanes.get(subscription);
        if (lane != null) {
            lane.dropped = true;
        }
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
