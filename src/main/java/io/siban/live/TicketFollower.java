package io.siban.live;

import io.siban.outbox.HallEvent;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * One open stream of a ticket ({@link TicketStreams}): holds the ticket's own events back until its
 * first event (the state, after what a resuming client missed) is out, then passes on each own event
 * once and each recomputed place that is news. A place from a statement launched before the state was
 * read is stale and dropped, and so is one for a ticket no longer waiting in that queue.
 */
final class TicketFollower {
    final UUID ticket;
    final String ticketText;
    final String hall;
    private final MultiEmitter<? super TicketStreams.Item> emitter;
    private final LongSupplier ticks;
    private final BiConsumer<TicketFollower, String> join;
    private final List<HallEvent> pending = new ArrayList<>();
    volatile boolean gone;
    private boolean attached;
    private long attachedAt = Long.MAX_VALUE;
    private long baseline;
    private long lastSent;
    private String number;
    private String queue;
    private String status;
    private boolean near;
    private int nearAhead;
    private TicketChanges.Place sent;

    TicketFollower(UUID ticket, String hall, MultiEmitter<? super TicketStreams.Item> emitter, LongSupplier ticks,
               BiConsumer<TicketFollower, String> join) {
        this.ticket = ticket;
        this.ticketText = ticket.toString();
        this.hall = hall;
        this.emitter = emitter;
        this.ticks = ticks;
        this.join = join;
    }

    synchronized void attach(TicketStreams.Start start) {
        TicketStreamStore.State state = start.state();
        number = state.number();
        queue = state.queue();
        status = state.status();
        near = state.near();
        nearAhead = state.nearAhead();
        baseline = state.lastSeq();
        for (HallEvent missed : start.missed()) {
            emit(missed.seq(), missed.type(), PublicEvents.view(missed).payload());
        }
        long id = Math.max(baseline, start.lastEventId());
        String over = TicketChanges.finalEventOf(status);
        if (over != null) {
            boolean told = !start.missed().isEmpty() && TicketChanges.FINAL.contains(start.missed().get(start.missed().size() - 1).type());
            if (!told) {
                emit(id, over, TicketChanges.state(number, queue, status, state.window()));
            }
            emitter.complete();
            return;
        }
        if ("WAITING".equals(status)) {
            sent = TicketChanges.Place.of(state.ahead(), state.openWindows(), start.mean());
            emit(id, TicketStreams.POSITION, withNear(TicketChanges.position(number, queue, sent)));
        } else {
            emit(id, TicketStreams.POSITION, withNear(TicketChanges.state(number, queue, status, state.window())));
        }
        attachedAt = ticks.getAsLong();
        attached = true;
        join.accept(this, queue);
        for (HallEvent event : pending) {
            own(event);
        }
        pending.clear();
    }

    synchronized boolean waitsIn(String line) {
        return attached && "WAITING".equals(status) && line.equals(queue);
    }

    /** One of the ticket's own events. */
    synchronized void own(HallEvent event) {
        if (!attached) {
            if (pending.size() < 1000) {
                pending.add(event);
            }
            return;
        }
        if (event.seq() <= baseline) {
            return;
        }
        JsonObject payload = event.payload();
        switch (event.type()) {
            case "ticket.near" -> {
                near = true;
                nearAhead = payload.getInteger("nearAhead", nearAhead);
            }
            case "ticket.called", "ticket.started", "ticket.no_show" -> {
                status = payload.getString("status", "CALLED");
                sent = null;
            }
            case "ticket.transferred", "ticket.reactivated" -> {
                status = "WAITING";
                sent = null;
                String moved = payload.getString("queue");
                if (moved != null && !moved.equals(queue)) {
                    queue = moved;
                    join.accept(this, moved);
                }
            }
            default -> {
            }
        }
        emit(event.seq(), event.type(), PublicEvents.view(event).payload());
        if (TicketChanges.FINAL.contains(event.type())) {
            status = "OVER";
            emitter.complete();
        }
    }

    /** A place recomputed by a statement launched at tick {@code launched}, after the event numbered {@code because}. */
    synchronized void placed(String line, long launched, long because, TicketChanges.Place place) {
        if (!attached || launched < attachedAt || !"WAITING".equals(status) || !line.equals(queue)) {
            return;
        }
        if (TicketChanges.changed(sent, place)) {
            sent = place;
            emit(because, TicketStreams.POSITION, withNear(TicketChanges.position(number, queue, place)));
        }
    }

    synchronized void heartbeat() {
        if (attached && !gone) {
            emitter.emit(TicketStreams.Item.HEARTBEAT);
        }
    }

    /** Near while told and still within the hall's N: a ticket reactivated or transferred to the back is not. */
    private JsonObject withNear(JsonObject payload) {
        return payload.put("near", TicketChanges.near(near, sent == null ? null : sent.ahead(), nearAhead));
    }

    /** The hall's event number up to which the state this follower started from is complete. */
    synchronized long baseline() {
        return baseline;
    }

    synchronized String queue() {
        return queue;
    }

    private void emit(long id, String type, JsonObject payload) {
        if (gone) {
            return;
        }
        lastSent = Math.max(lastSent, id);
        emitter.emit(new TicketStreams.Item(lastSent, type, payload));
    }
}
