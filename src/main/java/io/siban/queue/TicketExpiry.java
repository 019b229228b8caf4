package io.siban.queue;

import io.siban.outbox.Outbox;
import io.quarkus.scheduler.Scheduled;
import io.siban.common.Clocks;
import io.siban.outbox.OutboxPublisher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Closes each hall's line with its day: a ticket still waiting once its service day is over in the
 * hall's time zone expires, so the next morning's calls, counts and places in line start from that
 * day's tickets, not from citizens who went home. Called or serving tickets stay for their clerk to
 * finish. Any instance may run it; a ticket expires once (the update re-checks its status).
 */
@ApplicationScoped
public class TicketExpiry {
    private static final Logger LOG = Logger.getLogger(TicketExpiry.class);

    @Inject
    Pool pool;
    @Inject
    Clocks clocks;
    @Inject
    OutboxPublisher publisher;

    @Scheduled(every = "60s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return expirePastDays()
                .onFailure().invoke(failure -> LOG.debugf("ticket expiry deferred: %s", failure.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** At most this many tickets per statement, so a long-forgotten line does not become one huge transaction. */
    static final int BATCH = 5_000;

    /** Expires the tickets still waiting from days already over in their hall; emits how many. */
    public Uni<Long> expirePastDays() {
        return pool.preparedQuery(EXPIRE).execute(Tuple.of(clocks.now(), BATCH))
                .map(rows -> rows.iterator().next().getLong(0))
                .invoke(count -> {
                    if (count > 0) {
                        LOG.infof("%d tickets of past days expired", count);
                        publisher.wake();
                    }
                })
                .chain(count -> count < BATCH ? Uni.createFrom().item(count) : expirePastDays().map(more -> count + more));
    }

    private static final String EXPIRE = Outbox.sql("""
            with due as (
                select t.id from ticket t
                join hall h on h.code = t.hall_code join calendar c on c.id = h.calendar_id
                where t.status = 'WAITING' and t.service_date < ($1::timestamptz at time zone c.timezone)::date
                limit $2
                for update of t skip locked),
            expired as (
                update ticket t set status = 'EXPIRED', version = t.version + 1
                from due where t.id = due.id and t.status = 'WAITING'
                returning t.id, t.hall_code, t.number, t.queue_code, t.status, t.priority, t.window_number, t.recalls, t.seq,
                          t.item_code, t.channel),
            step as (
                insert into ticket_step (ticket_id, step, at, actor)
                select id, 'EXPIRED', $1, 'system' from expired),
            event as (
                insert into outbox
                select hall_code, 'ticket.expired', %s
                from expired order by hall_code, seq)
            select count(*) from expired""".formatted(TicketEvent.sql("$1::timestamptz")));
}
