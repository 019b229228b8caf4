package io.siban.live;

import io.siban.outbox.HallEvent;
import io.siban.common.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.siban.security.HallAccess;
import io.siban.security.Caller;
import io.siban.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/halls/{hall}/stream")
@Tag(name = "Hall screens", description = "The live board and its event stream (public)")
public class HallStreamResource {
    @Inject
    LiveView live;
    @Inject
    HallStreams streams;
    @Inject
    LiveConfig config;
    @Inject
    HallAccess access;

    @GET
    @PermitAll
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-sent events of the hall (public)",
            description = "Events: ticket.issued, ticket.called, ticket.recalled, ticket.no_show, ticket.started, ticket.finished, "
                    + "ticket.cancelled, ticket.transferred, ticket.reactivated, ticket.expired, ticket.near, window.status, queue.counters. "
                    + "They carry ticket numbers, queues and windows, never ids; case cards are on the staff stream. "
                    + "Each has an id; reconnect with Last-Event-ID (or ?lastEventId=) to receive what was missed. "
                    + "A comment line is sent as heartbeat.")
    @APIResponse(responseCode = "200", description = "the event stream", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS))
    @APIResponse(responseCode = "404", description = "no such hall")
    @APIResponse(responseCode = "429", description = "too many open streams from this address, or on this instance")
    public Multi<OutboundSseEvent> stream(@PathParam("hall") String hall,
                                          @Parameter(description = "id of the last event received") @HeaderParam("Last-Event-ID") String lastEventHeader,
                                          @Parameter(description = "same as the Last-Event-ID header, for clients that cannot set headers")
                                          @QueryParam("lastEventId") String lastEventQuery,
                                          @Context Sse sse) {
        Long lastEventId = lastEventId(lastEventHeader != null ? lastEventHeader : lastEventQuery);
        // an unknown hall was answered 404 by StreamGuard before the stream started
        return sse(streams.events(hall, lastEventId).filter(PublicEvents::isPublic).map(PublicEvents::view), sse);
    }

    @GET
    @Path("/staff")
    @RolesAllowed({Roles.SUPERVISOR, Roles.REVIEWER, Roles.CLERK, Roles.ADMIN})
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-sent events of the hall for its staff",
            description = "Every event of the public stream with its ids, and sla.card (a case's card changed: case id and number, "
                    + "card, department, category, item, committed due). Same ids and Last-Event-ID replay as the public stream. "
                    + "Browsers read it with fetch and the Authorization header.")
    @APIResponse(responseCode = "200", description = "the event stream", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS))
    @APIResponse(responseCode = "401", description = "no token")
    @APIResponse(responseCode = "403", description = "a token of another hall, or a device")
    public Multi<OutboundSseEvent> staffStream(@PathParam("hall") String hall,
                                               @HeaderParam("Last-Event-ID") String lastEventHeader,
                                               @QueryParam("lastEventId") String lastEventQuery,
                                               @Context Sse sse) {
        access.require(hall);
        Caller caller = access.caller();
        return sse(streams.events(hall, lastEventId(lastEventHeader != null ? lastEventHeader : lastEventQuery))
                .filter(event -> StaffEvents.visible(event, hall, caller)), sse);
    }

    private Multi<OutboundSseEvent> sse(Multi<HallEvent> events, Sse sse) {
        Multi<OutboundSseEvent> data = events.map(event -> sse.newEventBuilder().id(Long.toString(event.seq())).name(event.type())
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(event.payload().encode()).build());
        Multi<OutboundSseEvent> heartbeat = Multi.createFrom().ticks().every(config.heartbeat())
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().merging().streams(data, heartbeat);
    }

    static Long lastEventId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("Last-Event-ID", "must be a whole number of 0 or more");
        }
    }
}
