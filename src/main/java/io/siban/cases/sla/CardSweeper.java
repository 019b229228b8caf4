package io.siban.cases.sla;

import io.siban.common.Clocks;
import io.siban.common.Sweep;
import io.siban.outbox.OutboxPublisher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fires card changes of every {@link CardSubject} (cases, rectifications): every instance sweeps each
 * subject's deadline index; the rows' locks and the "card differs" condition make exactly one of them
 * record each change, in PostgreSQL, with its event on the hall's staff stream. It also keeps the
 * indexes in step with the rows, and rebuilds an index Redis lost.
 */
@ApplicationScoped
public class CardSweeper implements Sweep {
    private static final Logger LOG = Logger.getLogger(CardSweeper.class);
    static final int BATCH = 500;
    static final int REBUILD_PAGE = 10_000;

    @Inject
    Pool pool;
    @Inject
    Clocks clocks;
    @Inject
    OutboxPublisher publisher;
    @Inject
    Instance<CardSubject> subjects;

    @Override
    public String name() {
        return "card sweep";
    }

    @Override
    public Uni<Void> sweep() {
        return sweepOnce().replaceWithVoid()
                .onFailure().invoke(failure -> LOG.warnf("card sweep deferred: %s", failure.toString()))
                .onFailure().recoverWithNull();
    }

    /** Sweeps every subject once; emits how many cards changed. */
    public Uni<Integer> sweepOnce() {
        Instant now = clocks.now().toInstant();
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (CardSubject subject : subjects) {
            // one subject's fault (a store timeout, a bad member in its index) never stops the others' cards
            chain = chain.chain(total -> sweepOnce(subject, now)
                    .onFailure().invoke(failure -> LOG.warnf("%s cards deferred: %s", subject.name(), failure.toString()))
                    .onFailure().recoverWithItem(0)
                    .map(count -> total + count));
        }
        return chain.invoke(count -> {
            if (count > 0) {
                publisher.wake();
            }
        });
    }

    /** Rebuilds the subject's index if Redis lost it, then fires every due change. */
    private Uni<Integer> sweepOnce(CardSubject subject, Instant now) {
        DeadlineIndex index = subject.index();
        return index.isBuilt()
                .chain(built -> built ? Uni.createFrom().voidItem() : rebuild(subject, now))
                .chain(() -> index.due(now, BATCH))
                .chain(ids -> fireAll(subject, ids, now))
                .call(subject::settle);
    }

    /**
     * Fires a batch of due subjects in one statement: each running one's card is read from its stored
     * instants (recomputed at every move and calendar change), and where it differs from the stored
     * card the change is recorded with its event. Emits how many cards changed.
     */
    Uni<Integer> fireAll(CardSubject subject, List<UUID> ids, Instant now) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        DeadlineIndex index = subject.index();
        return pool.withTransaction(conn -> conn.preparedQuery(subject.fire()).execute(Tuple.of(ids.toArray(UUID[]::new), utc(now))))
                .chain(rows -> {
                    Map<UUID, Instant> next = new HashMap<>();
                    int fired = 0;
                    for (Row r : rows) {
                        UUID id = r.getUUID("id");
                        subject.reached(r.getString("hall_code"));
                        if (r.getBoolean("fired")) {
                            fired++;
                            subject.fired(r.getString("hall_code"));
                        }
                        Instant following = DeadlineIndex.next(now, instant(r, "yellow_from"), instant(r, "committed_due"),
                                instant(r, "statutory_due"));
                        if (following != null) {
                            next.put(id, following);
                        }
                    }
                    Uni<Void> chain = index.scheduleAll(next);
                    for (UUID id : ids) {
                        if (!next.containsKey(id)) {
                            chain = chain.chain(() -> index.remove(id));
                        }
                    }
                    int count = fired;
                    return chain.replaceWith(count);
                });
    }

    /**
     * Indexes every running subject from the instants stored in PostgreSQL, in pages by id and
     * batched writes per shard. One whose stored card is behind (a change fell due while the index
     * was gone) is scheduled for now, so the next sweep fires it.
     */
    Uni<Void> rebuild(CardSubject subject, Instant now) {
        long started = System.nanoTime();
        return rebuildFrom(subject, new UUID(0, 0), now, 0)
                .chain(count -> subject.index().markBuilt(now).invoke(() -> LOG.infof("%s deadline index rebuilt: %d running in %d ms",
                        subject.name(), count, (System.nanoTime() - started) / 1_000_000)));
    }

    private Uni<Integer> rebuildFrom(CardSubject subject, UUID after, Instant now, int indexed) {
        return pool.preparedQuery(subject.rebuild())
                .execute(Tuple.of(after, utc(now), REBUILD_PAGE))
                .chain(rows -> {
                    Map<UUID, Instant> page = new LinkedHashMap<>();
                    UUID last = after;
                    for (Row r : rows) {
                        last = r.getUUID("id");
                        Instant next = r.getBoolean("behind") ? now
                                : DeadlineIndex.next(now, instant(r, "yellow_from"), instant(r, "committed_due"), instant(r, "statutory_due"));
                        if (next != null) {
                            page.put(last, next);
                        }
                    }
                    int total = indexed + page.size();
                    UUID next = last;
                    Uni<Void> written = subject.index().scheduleAll(page);
                    return rows.size() < REBUILD_PAGE ? written.replaceWith(total) : written.chain(() -> rebuildFrom(subject, next, now, total));
                });
    }

    private static OffsetDateTime utc(Instant now) {
        return OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime value = r.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
