package io.siban.queue;

import io.siban.outbox.NumberingStep;
import io.siban.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows each batch of events being numbered with one queue.counters event per queue whose line they
 * changed, with the count as committed now (so never older than the events). Under a rush one
 * counters event covers many tickets instead of each ticket writing its own.
 */
@ApplicationScoped
public class WaitingCounts implements NumberingStep {
    /** Ticket events that change how many wait in a queue. */
    static final Set<String> MOVES_THE_LINE = Set.of("ticket.issued", "ticket.called", "ticket.cancelled", "ticket.transferred",
            "ticket.expired", "ticket.reactivated");

    private static final List<String> FIELDS = List.of("queue", "fromQueue");

    private static final String COUNTERS = Outbox.sql("""
            insert into outbox
            select x.h, 'queue.counters', jsonb_build_object('queue', x.q, 'waiting', coalesce(w.waiting, 0))
            from unnest($1::text[], $2::text[]) with ordinality as x(h, q, n)
            left join queue_waiting w on w.hall_code = x.h and w.queue_code = x.q
            order by x.n
            returning id, hall_code""");

    @Override
    public List<String> fields() {
        return FIELDS;
    }

    /** The lines (hall, queue) whose waiting tickets the batch's read events moved, in first-seen order. */
    static Set<List<String>> movedLines(Batch batch) {
        Set<List<String>> lines = new LinkedHashSet<>();
        for (int i = 0; i < batch.read(); i++) {
            if (MOVES_THE_LINE.contains(batch.type(i))) {
                for (String queue : new String[]{batch.field(i, "fromQueue"), batch.field(i, "queue")}) {
                    if (queue != null) {
                        lines.add(List.of(batch.hall(i), queue));
                    }
                }
            }
        }
        return lines;
    }

    @Override
    public Uni<Void> beforeNumbering(SqlConnection conn, Batch batch) {
        Set<List<String>> lines = movedLines(batch);
        if (lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(COUNTERS)
                .execute(Tuple.of(lines.stream().map(l -> l.get(0)).toArray(String[]::new),
                        lines.stream().map(l -> l.get(1)).toArray(String[]::new)))
                .invoke(rows -> appendInIdOrder(rows, batch))
                .replaceWithVoid();
    }

    /** Adds events a statement appended to the batch in id order (the order their rows were written). */
    static void appendInIdOrder(Iterable<Row> rows, Batch batch) {
        List<Long> added = new ArrayList<>();
        Map<Long, String> hallOf = new HashMap<>();
        for (Row r : rows) {
            added.add(r.getLong(0));
            hallOf.put(r.getLong(0), r.getString(1));
        }
        added.sort(null);
        for (Long id : added) {
            batch.append(id, hallOf.get(id));
        }
    }
}
