package io.siban.queue;

import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

/**
 * The payload of a ticket event, written once: each field names its key, the ticket column it comes
 * from, and its value on a ticket row. Java events are built from a row with {@link #json}; statements
 * that append their events themselves (issue, expiry) build the same payload with {@link #sql}. Events
 * add their own fields after these (window, reason, waitSeconds, serviceSeconds, fromQueue, targetWindow).
 */
final class TicketEvent {
    private record Field(String key, String column, Function<TicketRow, Object> value) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("ticketId", "id", t -> t.id().toString()),
            new Field("number", "number", TicketRow::number),
            new Field("queue", "queue_code", TicketRow::queue),
            new Field("status", "status", t -> t.status().name()),
            new Field("priority", "priority", t -> t.priority().name()),
            new Field("window", "window_number", TicketRow::window),
            new Field("recalls", "recalls", TicketRow::recalls),
            // read by the KPI rollups from issue events, which they count without a ticket lookup
            new Field("item", "item_code", TicketRow::itemCode),
            new Field("channel", "channel", t -> t.channel().name()));

    /** The key of the event's time, the last field. */
    private static final String AT = "at";

    private TicketEvent() {
    }

    /** The payload of an event of ticket {@code t} at {@code at}. */
    static JsonObject json(TicketRow t, OffsetDateTime at) {
        JsonObject payload = new JsonObject();
        for (Field field : FIELDS) {
            payload.put(field.key(), field.value().apply(t));
        }
        return payload.put(AT, at.toString());
    }

    /**
     * The same payload as a SQL expression over a row with the ticket's columns: {@code at} is the SQL
     * expression of the event's time.
     */
    static String sql(String at) {
        StringBuilder sql = new StringBuilder("jsonb_build_object(");
        for (Field field : FIELDS) {
            sql.append('\'').append(field.key()).append("', ").append(field.column()).append(", ");
        }
        return sql.append('\'').append(AT).append("', ").append(at).append(')').toString();
    }
}
