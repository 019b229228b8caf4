package io.siban.live;

import io.siban.outbox.HallEvent;
import io.vertx.core.json.JsonObject;

import java.util.Set;

/**
 * What the public hall stream may carry: numbers, queues and windows, never an id that would let a
 * stranger act on a ticket or a case. Case cards (case numbers, departments, dues) go only to the
 * staff stream, and so do ratings and their rectifications (a rating points at a window, so at a
 * clerk). One rule for the live part and the replay alike.
 */
final class PublicEvents {
    private static final Set<String> STAFF_ONLY = Set.of("sla.card", "sla.stage_card", "case.moved", "case.explained", "ticket.rated", "case.rated",
            "rating.bad", "rectification.moved", "rectification.card", "hall.feedback_deadlines",
            "appointment.booked", "appointment.cancelled", "appointment.checked_in", "appointment.missed");

    private PublicEvents() {
    }

    static boolean isPublic(HallEvent event) {
        return !STAFF_ONLY.contains(event.type());
    }

    /** A public event as the public sees it: without ids. */
    static HallEvent view(HallEvent event) {
        JsonObject payload = event.payload();
        if (payload.fieldNames().stream().noneMatch(PublicEvents::isId)) {
            return event;
        }
        JsonObject shown = new JsonObject();
        payload.forEach(field -> {
            if (!isId(field.getKey())) {
                shown.put(field.getKey(), field.getValue());
            }
        });
        return new HallEvent(event.hall(), event.seq(), event.type(), shown);
    }

    private static boolean isId(String field) {
        return field.equals("id") || field.endsWith("Id") || field.endsWith("Number") && !field.equals("number");
    }
}
