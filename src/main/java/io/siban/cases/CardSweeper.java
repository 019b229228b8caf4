package io.siban.cases;

import io.quarkus.scheduler.Scheduled;
import io.siban.common.Clocks;
import io.siban.live.Outbox;
import io.siban.live.OutboxPublisher;
import io.siban.sla.DeadlineIndex;
import io.siban.sla.Pause;
import io.siban.sla.SlaCard;
import io.siban.sla.WorkingCalendars;
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
                .chain(ids -> {
                    Uni<Integer> fired = Uni.createFrom().item(0);
                    for (UUID id : ids) {
                        fired = fired.chain(count -> fire(id, now).map(changed -> changed ? count + 1 : count));
                    }
                    return fired;
                })
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

    /** Indexes every running case from the dues stored in PostgreSQL. */
    Uni<Void> rebuild(Instant now) {
        return pool.preparedQuery("select id, yellow_from, committed_due, statutory_due from service_case where state in " + RUNNING
                        + " and committed_due is not null")
                .execute()
                .chain(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    int count = 0;
                    for (Row r : rows) {
                        UUID id = r.getUUID("id");
                        Instant next = DeadlineIndex.next(now, instant(r, "yellow_from"), instant(r, "committed_due"), instant(r, "statutory_due"));
                        // a change already due fires at the first sweep
                        Instant at = next != null ? next : needsLook(now, r) ? now : null;
                        if (at != null) {
                            chain = chain.chain(() -> index.schedule(id, at));
                            count++;
                        }
                    }
                    int indexed = count;
                    return chain.chain(() -> index.markBuilt(now)).invoke(() -> LOG.infof("deadline index rebuilt: %d running cases", indexed));
                });
    }

    private static boolean needsLook(Instant now, Row r) {
        Instant statutory = instant(r, "statutory_due");
        return statutory == null || !statutory.isAfter(now);
    }

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
