package io.siban.cases.sla;

import io.siban.cases.CaseSql;
import io.siban.outbox.Outbox;
import io.siban.common.Sweep;
import io.siban.common.Clocks;
import io.siban.outbox.OutboxPublisher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Fires card changes: every instance sweeps the deadline index; the case rows' locks and the
 * "card differs" condition make exactly one of them record each change, in PostgreSQL, with its
 * {@code sla.card} event on the hall stream. It also keeps the index in step with the cases.
 */
@ApplicationScoped
public class CardSweeper implements Sweep {
    private static final Logger LOG = Logger.getLogger(CardSweeper.class);
    static final int BATCH = 500;

    @Inject
    Pool pool;
    @Inject
    DeadlineIndex index;
    @Inject
    Clocks clocks;
    @Inject
    OutboxPublisher publisher;
    @Inject
    SlaCounters counters;

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

    /** Rebuilds the index if Redis lost it, then fires every due change; emits how many cards changed. */
    public Uni<Integer> sweepOnce() {
        Instant now = clocks.now().toInstant();
        return index.isBuilt()
                .chain(built -> built ? Uni.createFrom().voidItem() : rebuild(now))
                .chain(() -> index.due(now, BATCH))
                .chain(ids -> fireAll(ids, now))
                .call(() -> counters.recountTouched())
                .invoke(count -> {
                    if (count > 0) {
                        publisher.wake();
                    }
                });
    }

    /**
     * Fires a batch of due cases in one statement: each running case's card is read from its stored
     * dues (recomputed by the engine at every move and calendar change), and where it differs from the
     * stored card the change is recorded with its {@code sla.card} event. Row locks make concurrent
     * sweepers record each change once. Emits how many cards changed.
     */
    Uni<Integer> fireAll(List<UUID> ids, Instant now) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        OffsetDateTime at = OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC);
        return pool.withTransaction(conn -> conn.preparedQuery(FIRE).execute(Tuple.of(ids.toArray(UUID[]::new), at)))
                .chain(rows -> {
                    java.util.Map<UUID, Instant> next = new java.util.HashMap<>();
                    java.util.Set<UUID> seen = new java.util.HashSet<>();
                    int fired = 0;
                    for (Row r : rows) {
                        UUID id = r.getUUID("id");
                        seen.add(id);
                        if (r.getBoolean("fired")) {
                            fired++;
                            counters.touched(r.getString("hall_code"));
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

    static final String FIRE = Outbox.sql("""
            with cur as (
                select id, hall_code, case_number, department, category, item_name, yellow_from, committed_due, statutory_due,
                       card as old_card, %s as new_card
                from service_case
                where id = any($1) and state in %s and committed_due is not null
                for update),
            changed as (
                update service_case c set card = cur.new_card from cur
                where c.id = cur.id and cur.old_card is distinct from cur.new_card
                returning c.id),
            recorded as (
                insert into case_card_change (case_id, card, at, due_at)
                select cur.id, cur.new_card, $2, %s
                from cur join changed on changed.id = cur.id),
            events as (
                insert into outbox
                select cur.hall_code, 'sla.card', jsonb_build_object('caseId', cur.id, 'caseNumber', cur.case_number,
                        'card', cur.new_card, 'previous', cur.old_card, 'department', cur.department, 'category', cur.category,
                        'itemName', cur.item_name, 'committedDue', cur.committed_due, 'at', $2)
                from cur join changed on changed.id = cur.id)
            select cur.id, cur.hall_code, cur.yellow_from, cur.committed_due, cur.statutory_due, changed.id is not null as fired
            from cur left join changed on changed.id = cur.id""".formatted(CaseSql.card("", "$2"), CaseSql.RUNNING,
            CaseSql.dueOf("cur.new_card", "cur.", "$2")));

    /**
     * Indexes every running case from the dues stored in PostgreSQL, in pages by id and batched
     * writes per shard. A case whose stored card is behind its dues (a change fell due while the
     * index was gone) is scheduled for now, so the next sweep fires it.
     */
    Uni<Void> rebuild(Instant now) {
        long started = System.nanoTime();
        return rebuildFrom(new UUID(0, 0), now, 0)
                .chain(count -> index.markBuilt(now).invoke(() -> LOG.infof("deadline index rebuilt: %d running cases in %d ms",
                        count, (System.nanoTime() - started) / 1_000_000)));
    }

    private Uni<Integer> rebuildFrom(UUID after, Instant now, int indexed) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC);
        return pool.preparedQuery(REBUILD)
                .execute(Tuple.of(after, at, REBUILD_PAGE))
                .chain(rows -> {
                    java.util.Map<UUID, Instant> page = new java.util.LinkedHashMap<>();
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
                    Uni<Void> written = index.scheduleAll(page);
                    return rows.size() < REBUILD_PAGE ? written.replaceWith(total) : written.chain(() -> rebuildFrom(next, now, total));
                });
    }

    static final int REBUILD_PAGE = 10_000;

    /** A page of running cases by id, each with whether its stored card is behind its dues at $2. */
    static final String REBUILD = """
            select id, yellow_from, committed_due, statutory_due, card is distinct from %s as behind
            from service_case where state in %s and committed_due is not null and id > $1
            order by id limit $3""".formatted(CaseSql.card("", "$2"), CaseSql.RUNNING);

    private static Instant instant(Row r, String column) {
        OffsetDateTime value = r.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
