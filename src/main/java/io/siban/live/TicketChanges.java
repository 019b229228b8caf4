package io.siban.live;

import io.siban.outbox.HallEvent;
import io.siban.queue.WaitEstimator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What changes a ticket's view on its own stream, in one place (pure): which hall events are the
 * ticket's own (passed on as they are, without ids), which end its stream, which queues' lines an
 * event may have moved (so the places of the tickets followed there are recomputed), and whether a
 * recomputed place differs from the one last sent. Estimates are compared in whole minutes, the unit
 * a citizen is shown: a mean service time moving by a few seconds is not news.
 */
final class TicketChanges {
    /** The ticket's own events, passed on to its stream. */
    static final Set<String> OWN = Set.of("ticket.near", "ticket.called", "ticket.recalled", "ticket.started", "ticket.transferred",
            "ticket.reactivated", "ticket.finished", "ticket.cancelled", "ticket.expired", "ticket.no_show");

    /**
     * The ticket events that move a queue's waiting line (a ticket joins, leaves or changes place in it), and
     * ticket.finished, whose service time moves the queue's mean and so its estimates. A near notice, a recall
     * or a start moves nobody.
     */
    static final Set<String> MOVING = Set.of("ticket.issued", "ticket.called", "ticket.cancelled", "ticket.transferred",
            "ticket.expired", "ticket.reactivated", "ticket.finished");

    /** After these nothing changes any more: the stream ends (a no-show may still be reactivated). */
    static final Set<String> FINAL = Set.of("ticket.finished", "ticket.cancelled", "ticket.expired");

    /** The event sent for the current state of a ticket that is over, by its status. */
    static String finalEventOf(String status) {
        return switch (status) {
            case "DONE" -> "ticket.finished";
            case "CANCELLED" -> "ticket.cancelled";
            case "EXPIRED" -> "ticket.expired";
            default -> null;
        };
    }

    private TicketChanges() {
    }

    /**
     * The id a resuming client's stream goes on from: its Last-Event-ID, unless there is none or it lies
     * beyond the hall's last event (a made-up id would hold back every later id): then the state's.
     */
    static Long resumeFrom(Long lastEventId, long lastSeq) {
        return lastEventId == null || lastEventId > lastSeq ? null : lastEventId;
    }

    /**
     * The event number after which the ticket's own events are looked for in the outbox on a resume: the
     * client's id, but no further back than {@code window} events before the state's. The outbox keeps
     * the hall's whole history and the lookup filters it by ticket, so a tiny id would scan all of it on
     * every connect; older events of the ticket are reflected in the state sent after the replay.
     */
    static long replayAfter(long lastEventId, long lastSeq, int window) {
        return Math.max(lastEventId, lastSeq - window);
    }

    /** Whether the event is one of a ticket's own, and so goes to the streams following that ticket. */
    static String ownTicket(HallEvent event) {
        return OWN.contains(event.type()) ? event.payload().getString("ticketId") : null;
    }

    /**
     * The queues whose waiting line or estimates the event may have changed: those a line-moving ticket
     * event ({@link #MOVING}) or a queue's counters name, and the queues a window serves when its status changed (open windows make
     * the estimate). Empty for events that move no line.
     */
    static Set<String> queuesTouched(HallEvent event) {
        Set<String> queues = new LinkedHashSet<>();
        JsonObject payload = event.payload();
        if (MOVING.contains(event.type()) || event.type().equals("queue.counters")) {
            addText(queues, payload.getValue("queue"));
            addText(queues, payload.getValue("fromQueue"));
        } else if (event.type().equals("window.status") && payload.getValue("queues") instanceof JsonArray served) {
            served.forEach(queue -> addText(queues, queue));
        }
        return queues;
    }

    private static void addText(Set<String> queues, Object value) {
        if (value instanceof String text && !text.isBlank()) {
            queues.add(text);
        }
    }

    /** A waiting ticket's place as its holder is shown it: position (1 = next), tickets ahead, estimate in minutes. */
    record Place(long ahead, Duration p50, Duration p90) {
        static Place of(long ahead, int openWindows, Duration meanService) {
            WaitEstimator.Estimate estimate = WaitEstimator.estimate(ahead, openWindows, meanService);
            return new Place(ahead, minutes(estimate.p50()), minutes(estimate.p90()));
        }

        long position() {
            return ahead + 1;
        }
    }

    /**
     * Whether a ticket is shown as near: it was told ({@code ticket.near}, once) and, when it waits, is still
     * at most {@code nearAhead} from the head; a ticket reactivated or transferred to the back of a line
     * was told but is far again.
     */
    static boolean near(boolean told, Long ahead, int nearAhead) {
        return told && (ahead == null || ahead <= nearAhead);
    }

    /** Whether a place recomputed is news to a holder last sent {@code sent} (null: nothing sent yet). */
    static boolean changed(Place sent, Place now) {
        return now != null && !Objects.equals(sent, now);
    }

    /** The payload of ticket.position for a waiting ticket. */
    static JsonObject position(String number, String queue, Place place) {
        return new JsonObject().put("number", number).put("queue", queue).put("status", "WAITING")
                .put("position", place.position()).put("ahead", place.ahead())
                .put("estimatedWait", new JsonObject().put("p50", text(place.p50())).put("p90", text(place.p90())));
    }

    /** The payload of ticket.position for a ticket that does not wait (called, serving, no-show): no place. */
    static JsonObject state(String number, String queue, String status, Integer window) {
        return new JsonObject().put("number", number).put("queue", queue).put("status", status)
                .put("position", null).put("ahead", null).put("window", window)
                .put("estimatedWait", new JsonObject().put("p50", null).put("p90", null));
    }

    private static Duration minutes(Duration estimate) {
        return estimate == null ? null : Duration.ofMinutes(Math.round(estimate.getSeconds() / 60.0));
    }

    private static String text(Duration duration) {
        return duration == null ? null : duration.toString();
    }
}
