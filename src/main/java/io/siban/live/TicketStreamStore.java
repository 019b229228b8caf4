package io.siban.live;

import io.siban.common.problem.ProblemException;
import io.siban.outbox.HallEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Every statement of the per-ticket streams. */
@ApplicationScoped
public class TicketStreamStore {
    @Inject
    Pool pool;
    @Inject
    LiveConfig config;

    /** A stream waits no longer than this for a statement; then it fails and its client reconnects. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The hall of a ticket (the guard's lookup). */
    static final String HALL_OF = "select hall_code from ticket where id = $1";

    /**
     * A ticket's state and the hall's last event number in one snapshot: every event numbered up to
     * {@code last_seq} is reflected in the state, so a stream starting there misses nothing.
     */
    static final String STATE = """
            select t.hall_code, t.queue_code, t.number, t.status, t.window_number,
                   coalesce((select s.last_seq from hall_event_seq s where s.hall_code = t.hall_code), 0) as last_seq,
                   case when t.status = 'WAITING' then
                       (select count(*) from ticket w where w.hall_code = t.hall_code and w.queue_code = t.queue_code
                          and w.status = 'WAITING' and (w.line_key, w.seq) < (t.line_key, t.seq)) end as ahead,
                   (select count(*) from hall_window h where h.hall_code = t.hall_code and h.status = 'OPEN'
                      and t.queue_code = any(h.queues)) as open_windows,
                   exists (select 1 from ticket_near_told n where n.ticket_id = t.id) as near,
                   (select h.near_ahead from hall h where h.code = t.hall_code) as near_ahead
            from ticket t where t.id = $1""";

    /** The ticket's own events after a client's last id, up to the state's number, from the outbox. */
    static final String REPLAY = """
            select seq, type, payload from event_outbox
            where hall_code = $1 and seq > $2 and seq <= $3 and seq is not null and type = any($4) and payload ->> 'ticketId' = $5
            order by seq limit $6""";

    /**
     * The places of the followed tickets among a queue's waiting line, and the queue's open windows: one
     * statement per queue. The followed ids are joined (a hash join), not tested with {@code = any}, which
     * would compare every ticket of a long line with every followed id.
     */
    static final String PLACES = """
            select l.id, l.ahead, o.open_windows
            from (select id, row_number() over (order by line_key, seq) - 1 as ahead from ticket
                  where hall_code = $1 and queue_code = $2 and status = 'WAITING') l
            join unnest($3::uuid[]) as f(id) on f.id = l.id
            cross join (select count(*) as open_windows from hall_window h
                        where h.hall_code = $1 and h.status = 'OPEN' and $2 = any(h.queues)) o""";

    record State(String hall, String queue, String number, String status, Integer window, long lastSeq, Long ahead,
                 int openWindows, boolean near, int nearAhead) {
    }

    record Placed(long ahead, int openWindows) {
    }

    /** The ticket's hall, or null when there is no such ticket. */
    Uni<String> hallOf(UUID ticket) {
        return pool.preparedQuery(HALL_OF).execute(Tuple.of(ticket)).ifNoItem().after(TIMEOUT).fail()
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }

    Uni<State> state(UUID ticket) {
        return pool.preparedQuery(STATE).execute(Tuple.of(ticket)).ifNoItem().after(TIMEOUT).fail().chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().failure(ProblemException.notFound("ticket", ticket.toString()));
            }
            Row r = rows.iterator().next();
            return Uni.createFrom().item(new State(r.getString("hall_code"), r.getString("queue_code"), r.getString("number"),
                    r.getString("status"), r.getInteger("window_number"), r.getLong("last_seq"), r.getLong("ahead"),
                    r.getLong("open_windows").intValue(), r.getBoolean("near"),
                    r.getInteger("near_ahead")));
        });
    }

    Uni<List<HallEvent>> replay(String hall, UUID ticket, long after, long upTo) {
        return pool.preparedQuery(REPLAY)
                .execute(Tuple.tuple().addString(hall).addLong(after).addLong(upTo)
                        .addArrayOfString(TicketChanges.OWN.toArray(String[]::new)).addString(ticket.toString())
                        .addInteger(config.replayLimit()))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    List<HallEvent> events = new ArrayList<>();
                    for (Row r : rows) {
                        events.add(new HallEvent(hall, r.getLong("seq"), r.getString("type"), HallEvent.payloadOf(r.getValue("payload"))));
                    }
                    return events;
                });
    }

    /** The followed tickets of the queue that wait in it, by id. */
    Uni<Map<UUID, Placed>> places(String hall, String queue, UUID[] tickets) {
        return pool.preparedQuery(PLACES).execute(Tuple.of(hall, queue, tickets)).ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    Map<UUID, Placed> places = new HashMap<>();
                    for (Row r : rows) {
                        places.put(r.getUUID("id"), new Placed(r.getLong("ahead"), r.getLong("open_windows").intValue()));
                    }
                    return places;
                });
    }
}
