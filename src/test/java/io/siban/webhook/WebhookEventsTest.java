package io.siban.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one table from outbox events to webhook events. */
class WebhookEventsTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "ticket.issued, -, -, ticket.issued",
            "ticket.called, -, -, ticket.called",
            "ticket.near, -, -, ticket.near",
            "ticket.finished, -, -, ticket.finished",
            "appointment.booked, -, -, appointment.booked",
            "appointment.cancelled, -, -, appointment.cancelled",
            "rating.bad, -, -, rating.bad",
            "case.moved, ACCEPTED, -, case.accepted case.transitioned",
            "case.moved, IN_REVIEW, -, case.transitioned",
            "sla.card, -, YELLOW, case.card",
            "rectification.card, -, RED, rectification.overdue",
            "rectification.card, -, YELLOW, -",
            "ticket.recalled, -, -, -",
            "queue.counters, -, -, -",
            "appointment.checked_in, -, -, appointment.checked_in",
            "appointment.missed, -, -, appointment.missed",
            "appointment.slot_changed, -, -, -",
            "window.status, -, -, -"})
    void mapsEachOutboxTypeOnce(String type, String state, String card, String expected) {
        List<String> names = WebhookEvents.of(type, state, card);
        assertThat(names).containsExactlyElementsOf(expected == null ? List.of() : List.of(expected.split(" ")));
        assertThat(WebhookEvents.NAMES).containsAll(names);
    }

    @Test
    void everyNameIsProducedByTheTable() {
        List<String> produced = java.util.stream.Stream.of(
                        WebhookEvents.of("ticket.issued", null, null), WebhookEvents.of("ticket.called", null, null),
                        WebhookEvents.of("ticket.near", null, null), WebhookEvents.of("ticket.finished", null, null),
                        WebhookEvents.of("case.moved", "ACCEPTED", null), WebhookEvents.of("sla.card", null, "RED"),
                        WebhookEvents.of("rating.bad", null, null), WebhookEvents.of("rectification.card", null, "RED"),
                        WebhookEvents.of("appointment.booked", null, null), WebhookEvents.of("appointment.cancelled", null, null),
                        WebhookEvents.of("appointment.checked_in", null, null), WebhookEvents.of("appointment.missed", null, null))
                .flatMap(List::stream).distinct().toList();
        assertThat(produced).containsExactlyInAnyOrderElementsOf(WebhookEvents.NAMES);
    }

    @Test
    void aStarSubscriptionWantsEverything() {
        assertThat(WebhookEvents.wants(List.of("*"), "case.card")).isTrue();
        assertThat(WebhookEvents.wants(List.of("ticket.issued"), "ticket.called")).isFalse();
        assertThat(WebhookEvents.known("ticket.recalled")).isFalse();
    }
}
