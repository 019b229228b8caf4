package io.siban.queue;

import io.siban.common.problem.ProblemException;
import io.siban.queue.dto.IssueRequest;
import io.siban.security.HallAccess;
import io.siban.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

@Path("/api/v1/halls/{hall}/tickets")
@Tag(name = "Tickets", description = "Queue tickets: issue, call, serve")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HallTicketResource {
    @Inject
    TicketIssuer tickets;
    @Inject
    HallAccess access;
    @Inject
    IssueLimit limit;

    @POST
    @RolesAllowed({Roles.KIOSK, Roles.MOBILE, Roles.CLERK, Roles.ADMIN})
    @Operation(summary = "Take a queue number (kiosk, mobile, appointment check-in)",
            description = "A retry with the same Idempotency-Key returns the same ticket with 200; the key with a different body is a 422. "
                    + "An APPOINTMENT check-in gives the booking's appointmentCode: inside [slotStart − 30 min, slotStart + 15 min] it "
                    + "gets an APPOINTMENT ticket for the booking's item and the booking is checked in with it. A mobile backend's "
                    + "token issues MOBILE tickets only.")
    @APIResponse(responseCode = "201", description = "issued")
    @APIResponse(responseCode = "200", description = "the ticket issued earlier under this Idempotency-Key")
    @APIResponse(responseCode = "403", description = "another hall's token, or PRIORITY/GREEN_CHANNEL from a device not created to grant it")
    @APIResponse(responseCode = "429", description = "the device's tickets-a-minute limit is reached (Retry-After)")
    @APIResponse(responseCode = "422", description = "daily quota reached, pending ticket for this ID number, unknown item or queue; "
            + "appointment-window (outside the booking's check-in window: take an ordinary ticket), appointment-unknown")
    public Uni<Response> issue(@PathParam("hall") String hall,
                               @Parameter(description = "client-chosen key; retries with it never duplicate", example = "2b7e1516-28ae-4d2a")
                               @HeaderParam("Idempotency-Key") String idempotencyKey,
                               @RequestBody(content = @Content(examples = {@ExampleObject(name = "kiosk", value = """
                                       {"itemCode": "SC-001", "channel": "KIOSK", "priority": "NORMAL",
                                        "applicant": {"name": "张三", "idNumber": "620102199001011234", "phone": "13812345678"}}"""),
                                       @ExampleObject(name = "appointment check-in", value = """
                                               {"channel": "APPOINTMENT", "appointmentCode": "K7P3X9QM"}""")}))
                               IssueRequest request) {
        access.require(hall);
        if (request != null && access.caller().has(Roles.MOBILE) && request.channel() != null && request.channel() != Channel.MOBILE) {
            throw ProblemException.forbidden("a mobile backend's token issues MOBILE tickets only");
        }
        if (request != null && request.priority() != null && request.priority().staffOnly() && !access.mayGrantPriority()) {
            throw ProblemException.forbidden(request.priority() + " is granted by a clerk, or by a device created with mayGrantPriority");
        }
        return limit.take(access.deviceLimit()).chain(() -> tickets.issue(hall, request, idempotencyKey)).map(issued -> issued.created()
                ? Response.created(URI.create("/api/v1/tickets/" + issued.ticket().id())).entity(issued.ticket()).build()
                : Response.ok(issued.ticket()).build());
    }
}
