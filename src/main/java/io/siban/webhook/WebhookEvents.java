package io.siban.webhook;

import java.util.List;
import java.util.Set;

/**
 * The webhook event names and the one table that maps outbox events to them (pure). An outbox event
 * may be two webhook events: a {@code case.moved} to ACCEPTED is both {@code case.accepted} and
 * {@code case.transitioned}.
 */
public final class WebhookEvents {
    /** Every event a subscription may name; {@link #ALL} names them all. */
    public static final List<String> NAMES = List.of("ticket.issued", "ticket.called", "ticket.near", "ticket.finished",
            "case.accepted", "case.transitioned", "case.card", "rating.bad", "rectification.overdue",
            "appointment.booked", "appointment.cancelled", "appointment.checked_in", "appointment.missed");
    public static final String ALL = "*";

    /** Outbox types passed on under their own name. */
    private static final Set<String> AS_IS = Set.of("ticket.issued", "ticket.called", "ticket.near", "ticket.finished",
            "appointment.booked", "appointment.cancelled", "appointment.checked_in", "appointment.missed", "rating.bad");
    /** The payload fields the table reads besides the type. */
    static final List<String> FIELDS = List.of("state", "card");

    private WebhookEvents() {
    }

    /**
     * The webhook events an outbox event is, given its type and its payload's {@code state} and {@code card}
     * (null when absent); empty for events no subscription can name.
     */
    public static List<String> of(String outboxType, String state, String card) {
        if (AS_IS.contains(outboxType)) {
            return List.of(outboxType);
        }
        return switch (outboxType) {
            case "case.moved" -> "ACCEPTED".equals(state) ? List.of("case.accepted", "case.transitioned") : List.of("case.transitioned");
            case "sla.card" -> List.of("case.card");
            case "rectification.card" -> "RED".equals(card) ? List.of("rectification.overdue") : List.of();
            default -> List.of();
        };
    }

    /** Whether a subscription to {@code subscribed} (names or {@link #ALL}) receives the webhook event {@code name}. */
    public static boolean wants(List<String> subscribed, String name) {
        return subscribed.contains(ALL) || subscribed.contains(name);
    }

    public static boolean known(String name) {
        return ALL.equals(name) || NAMES.contains(name);
    }
}
