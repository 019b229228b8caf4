package io.siban.queue;

import io.siban.security.HallAccess;
import io.siban.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


@Path("/api/v1/halls/{hall}/windows/{number}/call-next")
@Tag(name = "Tickets", description = "Queue tickets: issue, call, serve")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CallNextResource {
    @Inject
    CallNext tickets;
    @Inject
    HallAccess access;

    @POST
    @RolesAllowed({Roles.CLERK, Roles.ADMIN})
    @Operation(summary = "Call the next ticket for this window", description = "The answer's reason says why this ticket was chosen.")
    @APIResponse(responseCode = "200", description = "the called ticket")
    @APIResponse(responseCode = "204", description = "nobody waits for this window")
    @APIResponse(responseCode = "409", description = "the window is not open, or still has a called or serving ticket")
    public Uni<Response> callNext(@PathParam("hall") String hall, @PathParam("number") int number) {
        access.requireWindow(hall, number);
        return tickets.callNext(hall, number, access.caller())
                .map(ticket -> ticket == null ? Response.noContent().build() : Response.ok(ticket).build());
    }
}
