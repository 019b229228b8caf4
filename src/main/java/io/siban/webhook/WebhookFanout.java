package io.siban.webhook;

import io.siban.common.Clocks;
import io.siban.common.Sweep;
import io.siban.outbox.NumberingStep;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns numbered events into deliveries, once: one transaction under an advisory lock reads each
 * hall's events after its fan-out mark (in number order, so in commit order), writes a delivery per
 * matching subscription and moves the marks. A crash before the commit leaves marks and rows as they
 * were; the next run does the same work again. Woken right after a numbering commits (on the instance
 * that numbered), and by the sweep on every instance; wakes the sender after a run that made deliveries.
 */
@ApplicationScoped
public class WebhookFanout implements NumberingStep, Sweep {
    private static final Logger LOG = Logger.getLogger(WebhookFanout.class);
    static final long BACKLOG_EVERY_MS = 15_000;
    /** How often each instance prunes the delivery log. */
    static final long PRUNE_EVERY_MS = 60_000;

    @Inject
    Pool pool;
    @Inject
    Clocks clocks;
    @Inject
    WebhookSender sender;
    @Inject
    WebhookStore store;
    @Inject
    WebhookMeters meters;
    @Inject
    WebhookConfig config;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile long backlogReadAt;
    private volatile long prunedAt;

    /**
     * Woken as soon as a numbering commits (nothing is done inside the numbering transaction): earlier than
     * {@code PublishedHalls}, which is told after the Redis publication and after the listeners before it
     * (the live view's refresh), about 0.3 s later under a rush on the shared machine.
     */
    @Override
    public Uni<Void> afterNumbering(SqlConnection conn, Batch batch) {
        batch.onCommit(this::wake);
        return Uni.createFrom().voidItem();
    }

    @Override
    public String name() {
        return "webhook fan-out";
    }

    @Override
    public Uni<Void> sweep() {
        return runOnce().invoke(made -> sender.wake()).chain(this::readBacklog).chain(this::pruneNow);
    }

    /** At most every {@link #PRUNE_EVERY_MS}: old delivered and dead rows leave the log, batch after batch. */
    private Uni<Void> pruneNow() {
        long now = System.currentTimeMillis();
        if (now - prunedAt < PRUNE_EVERY_MS) {
            return Uni.createFrom().voidItem();
        }
        prunedAt = now;
        return prune().replaceWithVoid();
    }

    /** Prunes the delivery log until a batch comes back short; emits the rows deleted. */
    Uni<Integer> prune() {
        OffsetDateTime at = clocks.now();
        return store.prune(at.minus(config.keepDelivered()), at.minus(config.keepDead()))
                .chain(deleted -> deleted < WebhookStore.PRUNE_BATCH ? Uni.createFrom().item(deleted)
                        : prune().map(more -> deleted + more));
    }

    /** The backlog gauges, read from PostgreSQL at most every {@link #BACKLOG_EVERY_MS} on every instance. */
    private Uni<Void> readBacklog() {
        long now = System.currentTimeMillis();
        if (now - backlogReadAt < BACKLOG_EVERY_MS) {
            return Uni.createFrom().voidItem();
        }
        backlogReadAt = now;
        return store.backlog(clocks.now()).invoke(row -> meters.backlog(row.getLong(0), Math.max(0, Math.round(row.getDouble(1))), row.getLong(2))).replaceWithVoid();
    }

    /** Fans out now, or right after the run in progress. */
    public void wake() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        untilIdle().subscribe().with(made -> finished(), failure -> {
            LOG.warnf("webhook fan-out deferred: %s", failure.toString());
            finished();
        });
    }

    private void finished() {
        running.set(false);
        if (again.getAndSet(false)) {
            wake();
        }
    }

    private Uni<Integer> untilIdle() {
        return runOnce().invoke(made -> {
            if (made > 0) {
                sender.wake();
            }
        }).chain(made -> made >= WebhookStore.FANOUT_BATCH ? untilIdle() : Uni.createFrom().item(made));
    }

    /** One fan-out transaction; emits how many events it read (0 when idle or another instance is at it). */
    public Uni<Integer> runOnce() {
        OffsetDateTime now = clocks.now();
        return pool.withTransaction(conn -> WebhookStore.tryLock(conn, WebhookStore.FANOUT_LOCK)
                .chain(locked -> locked ? WebhookStore.subscriptions(conn).chain(subs -> fanOut(conn, subs, now)) : Uni.createFrom().item(0)));
    }

    private Uni<Integer> fanOut(SqlConnection conn, RowSet<Row> subscriptions, OffsetDateTime now) {
        if (subscriptions.size() == 0) {
            return WebhookStore.advanceAll(conn).replaceWith(0);
        }
        List<Subscribed> subs = new ArrayList<>();
        subscriptions.forEach(r -> subs.add(new Subscribed(r.getUUID("id"), Arrays.asList(r.getArrayOfStrings("events")), r.getString("hall_code"))));
        return WebhookStore.unfanned(conn).chain(events -> {
            List<Object[]> rows = new ArrayList<>();
            Map<String, Long> marks = new LinkedHashMap<>();
            for (Row e : events) {
                String hall = e.getString(1);
                marks.put(hall, e.getLong(2));
                for (String name : WebhookEvents.of(e.getString(3), e.getString(4), e.getString(5))) {
                    for (Subscribed sub : subs) {
                        if (sub.receives(hall, name)) {
                            rows.add(new Object[]{sub.id(), e.getLong(0), name, hall});
                        }
                    }
                }
            }
            int read = events.size();
            if (marks.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return WebhookStore.insertDeliveries(conn, rows, now)
                    .chain(() -> WebhookStore.advance(conn, new ArrayList<>(marks.keySet()), new ArrayList<>(marks.values())))
                    .replaceWith(read);
        });
    }

    /** A subscription as the fan-out matches it: its events and its hall (null: every hall). */
    record Subscribed(UUID id, List<String> events, String hall) {
        boolean receives(String eventHall, String name) {
            return (hall == null || hall.equals(eventHall)) && WebhookEvents.wants(events, name);
        }
    }
}
