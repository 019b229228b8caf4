package io.siban.feedback;

import io.vertx.mutiny.sqlclient.Row;

import java.util.UUID;

/** A rating just recorded, with its ties: what its rectification and its announcement need. */
record RatedService(UUID id, String subject, String hall, int score, String department, String clerk, int window,
                    String itemCode, String itemName, String ticketNumber) {

    static RatedService of(Row r) {
        return new RatedService(r.getUUID("id"), r.getString("subject"), r.getString("hall_code"), r.getInteger("score"),
                r.getString("department"), r.getString("clerk"), r.getInteger("window_number"), r.getString("item_code"),
                r.getString("item_name"), r.getString("ticket_number"));
    }
}
