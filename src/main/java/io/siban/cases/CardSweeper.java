package io.siban.cases;

import io.quarkus.scheduler.Scheduled;
import io.siban.common.Clocks;
import io.siban.live.Outbox;
import io.siban.live.OutboxPublisher;
import io.siban.sla.DeadlineIndex;
import io.siban.sla.Pause;
import io.siban.sla.SlaCard;
import io.siban.sla.WorkingCalendars;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Fires card changes: every instance sweeps the deadline index; the case row's lock and the
 * "card differs" condition make exactly one of them record each change, in PostgreSQL, with its
 * {@code sla.card} event on the hall stream. It also keeps the index in step with the cases.
 */
@ApplicationScoped
public class CardSweeper {
    private static final Logger LOG = Logger.getLogger(CardSweeper.class);
    static final String RUNNING = "('ACCEPTED', 'IN_REVIEW', 'FORWARDED', 'RETURNED')";
    static final int BATCH = 500;
    /** Cases fired at once: each is its own short transaction on its own pooled connection. */
    static final int CONCURRENCY = 8;

    @Inject
    Pool pool;
    @Inject
    DeadlineIndex index;
    @Inject
    WorkingCalendars calendars;
    @Inject
    Clocks clocks;
    @Inject
    OutboxPublisher publisher;

    @Scheduled(every = "${siban.live.sweep-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "1s")
    Uni<Void> sweep() {
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
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUni(id -> fire(id, now)).merge(CONCURRENCY)
                        .filter(changed -> changed)
                        .collect().with(java.util.stream.Collectors.counting())
                        .map(Long::intValue))
                .invoke(count -> {
                    if (count > 0) {
                        publisher.wake();
                    }
                });
    }

    /** Re-reads one case at {@code now}: records a changed card once, and schedules its next change. */
    Uni<Boolean> fire(UUID id, Instant now) {
        boolean[] changed = {false};
        return pool.withTransaction(conn -> conn.preparedQuery("select " + CaseRow.COLUMNS + " from service_case c where c.id = $1 for update")
                        .execute(Tuple.of(id))
                        .chain(rows -> {
                            if (rows.size() == 0) {
                                return Uni.createFrom().<Instant>nullItem();
                            }
                            CaseRow row = CaseRow.of(rows.iterator().next());
                            if (!isRunning(row.state()) || row.acceptedAt() == null) {
                                return Uni.createFrom().<Instant>nullItem();
                            }
                            return pauses(conn, id).chain(pauses -> calendars.get(row.calendarId()).chain(calendar -> {
                                CaseClock.Reading reading = CaseClock.read(calendar, row.terms(), row.acceptedAt().toInstant(), pauses,
                                        row.forwardedAt() == null ? null : row.forwardedAt().toInstant(), null, now);
                                Instant next = DeadlineIndex.next(now, reading.yellowFrom(), reading.committedDue(), reading.statutoryDue());
                                if (reading.card().name().equals(row.card())) {
                                    return Uni.createFrom().item(next);
                                }
                                changed[0] = true;
                                return record(conn, row, reading, now).replaceWith(next);
                            }));
                        }))
                .call(next -> index.schedule(id, next))
                .map(next -> changed[0]);
    }

    private Uni<Void> record(SqlConnection conn, CaseRow row, CaseClock.Reading reading, Instant now) {
        Instant dueAt = switch (reading.card()) {
            case YELLOW -> reading.yellowFrom();
            case RED -> reading.committedDue();
            case LEGAL_BREACH -> reading.statutoryDue();
            case GREEN -> now;
        };
        OffsetDateTime at = OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC);
        JsonObject payload = new JsonObject().put("caseId", row.id().toString()).put("caseNumber", row.caseNumber())
                .put("card", reading.card().name()).put("previous", row.card()).put("department", row.department())
                .put("category", row.category().name()).put("itemName", row.itemName())
                .put("committedDue", reading.committedDue().toString()).put("at", at.toString());
        return conn.preparedQuery("update service_case set card = $2 where id = $1").execute(Tuple.of(row.id(), reading.card().name()))
                .chain(() -> conn.preparedQuery("insert into case_card_change (case_id, card, at, due_at) values ($1, $2, $3, $4)")
                        .execute(Tuple.of(row.id(), reading.card().name(), at, OffsetDateTime.ofInstant(dueAt, java.time.ZoneOffset.UTC))))
                .chain(() -> Outbox.append(conn, row.hall(), "sla.card", payload));
    }

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
        return pool.preparedQuery("""
                        select id, yellow_from, committed_due, statutory_due,
                               card is distinct from (case when statutory_due <= $2 then 'LEGAL_BREACH' when committed_due <= $2 then 'RED'
                                                           when yellow_from <= $2 then 'YELLOW' else 'GREEN' end) as behind
                        from service_case where state in %s and committed_due is not null and id > $1
                        order by id limit $3""".formatted(RUNNING))
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

    private static Instant instant(Row r, String column) {
        OffsetDateTime value = r.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    static boolean isRunning(CaseState state) {
        return state == CaseState.ACCEPTED || state == CaseState.IN_REVIEW || state == CaseState.FORWARDED || state == CaseState.RETURNED;
    }

    private static Uni<List<Pause>> pauses(SqlConnection conn, UUID id) {
        return conn.preparedQuery("select started_at, ended_at from case_pause where case_id = $1 order by id").execute(Tuple.of(id))
                .map(rows -> {
                    List<Pause> list = new ArrayList<>();
                    for (Row r : rows) {
                        OffsetDateTime end = r.getOffsetDateTime(1);
                        list.add(new Pause(r.getOffsetDateTime(0).toInstant(), end == null ? null : end.toInstant()));
                    }
                    return list;
                });
    }
}
