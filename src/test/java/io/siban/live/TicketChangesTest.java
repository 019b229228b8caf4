package io.siban.live;

import io.siban.outbox.HallEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The one rule of what changes a ticket's view on its stream. */
class TicketChangesTest {
    static HallEvent event(String type, JsonObject payload) {
        return new HallEvent("h", 7, type, payload);
    }

    @Test
    void aTicketsOwnEventsGoToItsFollowersAndTheFinalOnesEndTheStream() {
        JsonObject payload = new JsonObject().put("ticketId", "t-1").put("queue", "A");
        for (String type : TicketChanges.OWN) {
            assertThat(TicketChanges.ownTicket(event(type, payload))).as(type).isEqualTo("t-1");
        }
        assertThat(TicketChanges.ownTicket(event("ticket.issued", payload))).isNull();
        assertThat(TicketChanges.ownTicket(event("ticket.rated", payload))).as("staff only").isNull();
        assertThat(TicketChanges.FINAL).containsExactlyInAnyOrder("ticket.finished", "ticket.cancelled", "ticket.expired");
        assertThat(TicketChanges.finalEventOf("DONE")).isEqualTo("ticket.finished");
        assertThat(TicketChanges.finalEventOf("NO_SHOW")).as("a no-show may come back").isNull();
        assertThat(TicketChanges.finalEventOf("WAITING")).isNull();
    }

    @Test
    void aResumeLooksBackAtMostTheReplayWindowAndIgnoresAnIdFromTheFuture() {
        assertThat(TicketChanges.resumeFrom(null, 40)).isNull();
        assertThat(TicketChanges.resumeFrom(12L, 40)).isEqualTo(12L);
        assertThat(TicketChanges.resumeFrom(40L, 40)).isEqualTo(40L);
        assertThat(TicketChanges.resumeFrom(41L, 40)).as("beyond the hall's last event").isNull();
        assertThat(TicketChanges.resumeFrom(Long.MAX_VALUE, 40)).isNull();
        assertThat(TicketChanges.replayAfter(30, 40, 5000)).isEqualTo(30);
        assertThat(TicketChanges.replayAfter(0, 1_000_000, 5000)).as("a tiny id scans no whole history").isEqualTo(995_000);
        assertThat(TicketChanges.replayAfter(994_000, 1_000_000, 5000)).isEqualTo(995_000);
        assertThat(TicketChanges.replayAfter(999_999, 1_000_000, 5000)).isEqualTo(999_999);
    }

    @Test
    void aTicketIsNearWhileToldAndWithinTheHallsN() {
        assertThat(TicketChanges.near(false, 0L, 3)).isFalse();
        assertThat(TicketChanges.near(true, 3L, 3)).isTrue();
        assertThat(TicketChanges.near(true, 4L, 3)).as("reactivated to the back").isFalse();
        assertThat(TicketChanges.near(true, null, 3)).as("called: no place").isTrue();
    }

    @Test
    void linesMovedAreTheQueuesAnEventNamesAndTheQueuesOfAWindowThatChanged() {
        assertThat(TicketChanges.queuesTouched(event("ticket.transferred", new JsonObject().put("queue", "B").put("fromQueue", "A"))))
                .containsExactly("B", "A");
        assertThat(TicketChanges.queuesTouched(event("queue.counters", new JsonObject().put("queue", "A").put("waiting", 3))))
                .containsExactly("A");
        assertThat(TicketChanges.queuesTouched(event("window.status", new JsonObject().put("window", 2)
                .put("queues", new JsonArray().add("A").add("C"))))).containsExactly("A", "C");
        assertThat(TicketChanges.queuesTouched(event("window.status", new JsonObject().put("window", 2)))).isEmpty();
        assertThat(TicketChanges.queuesTouched(event("sla.card", new JsonObject().put("queue", "A")))).isEmpty();
        for (String moving : java.util.List.of("ticket.issued", "ticket.called", "ticket.cancelled", "ticket.expired",
                "ticket.reactivated", "ticket.finished")) {
            assertThat(TicketChanges.queuesTouched(event(moving, new JsonObject().put("queue", "A")))).as(moving).containsExactly("A");
        }
        for (String still : java.util.List.of("ticket.near", "ticket.recalled", "ticket.started", "ticket.rated", "ticket.no_show")) {
            assertThat(TicketChanges.queuesTouched(event(still, new JsonObject().put("queue", "A")))).as("%s moves no line", still).isEmpty();
        }
        assertThat(TicketChanges.queuesTouched(event("ticket.called", new JsonObject().put("queue", 5)))).as("hostile payload").isEmpty();
    }

    @Test
    void aPlaceIsNewsWhenItsPositionOrItsEstimateInMinutesMoved() {
        Duration mean = Duration.ofMinutes(6);
        TicketChanges.Place third = TicketChanges.Place.of(2, 2, mean);
        assertThat(third.position()).isEqualTo(3);
        assertThat(TicketChanges.changed(null, third)).as("nothing sent yet").isTrue();
        assertThat(TicketChanges.changed(third, TicketChanges.Place.of(2, 2, mean))).isFalse();
        assertThat(TicketChanges.changed(third, TicketChanges.Place.of(1, 2, mean))).as("moved up").isTrue();
        assertThat(TicketChanges.changed(third, TicketChanges.Place.of(2, 1, mean))).as("a window closed").isTrue();
        assertThat(TicketChanges.changed(third, TicketChanges.Place.of(2, 2, mean.plusSeconds(2)))).as("seconds are no news").isFalse();
        assertThat(TicketChanges.changed(third, TicketChanges.Place.of(2, 2, mean.multipliedBy(2)))).isTrue();
        assertThat(TicketChanges.changed(third, null)).isFalse();
        TicketChanges.Place noWindow = TicketChanges.Place.of(2, 0, mean);
        assertThat(noWindow.p50()).isNull();
        assertThat(TicketChanges.position("A003", "A", noWindow).getJsonObject("estimatedWait").getString("p50")).isNull();
    }

    @Test
    void estimatesSentAreWholeMinutesAndNeverShrinkAsTheLineGrows() {
        Random random = new Random(17);
        for (int run = 0; run < 500; run++) {
            Duration mean = Duration.ofSeconds(30 + random.nextInt(1200));
            int open = 1 + random.nextInt(6);
            long ahead = random.nextInt(300);
            TicketChanges.Place place = TicketChanges.Place.of(ahead, open, mean);
            TicketChanges.Place behind = TicketChanges.Place.of(ahead + 1, open, mean);
            assertThat(place.p50().toSecondsPart()).isZero();
            assertThat(place.p90()).isGreaterThanOrEqualTo(place.p50());
            assertThat(behind.p50()).as("mean %s, %d open, %d ahead", mean, open, ahead).isGreaterThanOrEqualTo(place.p50());
            JsonObject shown = TicketChanges.position("A001", "A", place);
            assertThat(shown.getLong("position")).isEqualTo(ahead + 1);
            assertThat(shown.getLong("ahead")).isEqualTo(ahead);
            assertThat(Duration.parse(shown.getJsonObject("estimatedWait").getString("p50"))).isEqualTo(place.p50());
        }
    }
}
