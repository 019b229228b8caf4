package io.siban.live;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Appends events for screens and streams in the transaction of the change they describe, so a
 * committed change always has its event and a rolled-back one never does. The publisher numbers
 * and delivers them after commit (woken by the writer, and sweeping on every instance).
 */
public final class Outbox {
    private static final String APPEND = """
            insert into event_outbox (hall_code, type, payload) values ($1, $2, $3)""";

    /** The event, plus a queue.counters event with the queue's waiting count as of this change. */
    private static final String APPEND_WITH_COUNTERS = """
            insert into event_outbox (hall_code, type, payload) values
                ($1, $2, $3),
                ($1, 'queue.counters', jsonb_build_object('queue', $4::text, 'waiting',
                    (select coalesce(sum(waiting), 0) from queue_waiting where hall_code = $1 and queue_code = $4)))""";

    private Outbox() {
    }

    public static Uni<Void> append(SqlConnection connection, String hall, String type, JsonObject payload) {
        return connection.preparedQuery(APPEND).execute(Tuple.of(hall, type, payload)).replaceWithVoid();
    }

    public static Uni<Void> appendWithCounters(SqlConnection connection, String hall, String type, JsonObject payload,
                                               String queue) {
        return connection.preparedQuery(APPEND_WITH_COUNTERS).execute(Tuple.of(hall, type, payload, queue)).replaceWithVoid();
    }
}
