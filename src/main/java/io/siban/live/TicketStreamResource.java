package io.siban.live;

import io.siban.common.problem.ProblemException;
import io.siban.queue.TicketKeys;
import io.siban.security.HallAccess;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/tickets/{id}/events")
@Tag(name = "Tickets", description = "Queue tickets: issue, call, serve")
public class TicketStreamResource {
    @Inject
    TicketStreams streams;
    @Inject
    TicketKeys keys;
    @Inject
    HallAccess access;

    @GET
    @PermitAll
    // a staff token's hall is checked before the stream starts, and with lazy authentication the
    // identity can be resolved only off the event loop: the setup runs on a worker, the stream does not
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-sent events of one ticket, for its holder (with its key) or staff of its hall",
            description = "The first event is the ticket's current state: ticket.position {number, queue, status, position, ahead, "
                    + "estimatedWait {p50, p90}, near}, or its final event if it is over. Then: ticket.position when its place or "
                    + "estimate changed, ticket.near once when at most the hall's near-turn number of tickets are ahead of it "
                    + "(with ahead and nearAhead), ticket.called (with the window), ticket.recalled, ticket.started, ticket.transferred, "
                    + "ticket.no_show, ticket.reactivated, and ticket.finished, ticket.cancelled or ticket.expired, after which the "
                    + "stream ends. Ids are the hall's event numbers: reconnect with Last-Event-ID (or ?lastEventId=) and the "
                    + "ticket's events after it are replayed, then its current state. No ids are in the events. "
                    + "A comment line is sent as heartbeat.")
    @APIResponse(responseCode = "200", description = "the ticket's event stream", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
            examples = @ExampleObject(name = "first event", value = """
                    id: 41
                    event: ticket.position
                    data: {"number":"A012","queue":"A","status":"WAITING","position":4,"ahead":3,"estimatedWait":{"p50":"PT9M","p90":"PT17M"},"near":false}
                    """)))
    @APIResponse(responseCode = "400", description = "a malformed Last-Event-ID, or a request with a body")
    @APIResponse(responseCode = "401", description = "neither the ticket's key nor a token")
    @APIResponse(responseCode = "403", description = "a wrong key, or a token that is not staff of the ticket's hall")
    @APIResponse(responseCode = "404", description = "no such ticket")
    @APIResponse(responseCode = "429", description = "too many open streams from this address, or on this instance")
    public Multi<OutboundSseEvent> events(@PathParam("id") String id,
                                          @Parameter(description = "the ticket's access key, from the issue answer or the printed QR link")
                                          @QueryParam("key") String keyQuery,
                                          @Parameter(description = "the ticket's access key, as a header")
                                          @HeaderParam("X-Ticket-Key") String keyHeader,
                                          @Parameter(description = "id of the last event received") @HeaderParam("Last-Event-ID") String lastEventHeader,
                                          @Parameter(description = "same as the Last-Event-ID header, for clients that cannot set headers")
                                          @QueryParam("lastEventId") String lastEventQuery,
                                          @Context RoutingContext context,
                                          @Context Sse sse) {
        // StreamGuard answered an unknown ticket (404), a wrong key (403) and no credential at all (401)
        // before the stream began, and left the ticket's hall; checked again here in case it did not run
        String hall = context.get(StreamGuard.TICKET_HALL);
        UUID ticket = StreamGuard.ticketId(id);
        if (hall == null || ticket == null) {
            throw ProblemException.notFound("ticket", id);
        }
        String key = StreamGuard.presentedKey(keyHeader, keyQuery);
        if (key != null) {
            if (!keys.matches(ticket, key)) {
                throw ProblemException.forbidden("this is not the ticket's key");
            }
        } else {
            if (access.isDevice() || !access.caller().isDeskStaff() && !access.caller().has(io.siban.security.Roles.REVIEWER)) {
                throw ProblemException.forbidden("only the ticket's holder or staff of its hall may follow it");
            }
            access.require(hall);
        }
        Long lastEventId = HallStreamResource.lastEventId(lastEventHeader != null ? lastEventHeader : lastEventQuery);
        return streams.follow(ticket, hall, lastEventId).map(item -> item.heartbeat()
                ? sse.newEventBuilder().comment("heartbeat").build()
                : sse.newEventBuilder().id(Long.toString(item.id())).name(item.type())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(item.payload().encode()).build());
    }
}
