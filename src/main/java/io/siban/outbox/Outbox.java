package io.siban.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Appends events for screens and streams in the transaction of the change they describe, so a
 * committed change always has its event and a rolled-back one never does. The publisher numbers
 * and delivers them after commit (woken by the writer, and sweeping on every instance).
 *
 * <p>The only writer of {@code event_outbox}: Java code appends with {@link #append}; a statement that
 * appends its events itself (a CTE, or {@code insert ... select}) writes {@code insert into outbox} and
 * passes its text through {@link #sql}, which names the table and its columns. A statement that forgets
 * to fails on its first run (there is no table {@code outbox}).
 */
public final class Outbox {
    /** What a statement writes where it appends events: followed by {@code select hall, type, payload ...} or {@code values (...)}. */
    public static final String APPEND = "insert into outbox";
    private static final String INSERT = "insert into event_outbox (hall_code, type, payload)";
    private static final String APPEND_ONE = INSERT + " values ($1, $2, $3)";

    private Outbox() {
    }

    public static Uni<Void> append(SqlConnection connection, String hall, String type, JsonObject payload) {
        return connection.preparedQuery(APPEND_ONE).execute(Tuple.of(hall, type, payload)).replaceWithVoid();
    }

    /** The statement with its {@link #APPEND}s writing to the outbox. */
    public static String sql(String statement) {
        if (!statement.contains(APPEND)) {
            throw new IllegalArgumentException("the statement appends no event");
        }
        return statement.replace(APPEND, INSERT);
    }
}
