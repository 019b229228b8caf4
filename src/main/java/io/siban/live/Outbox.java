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

    private Outbox() {
    }

    public static Uni<Void> append(SqlConnection connection, String hall, String type, JsonObject payload) {
        return connection.preparedQuery(APPEND).execute(Tuple.of(hall, type, payload)).replaceWithVoid();
    }
}
