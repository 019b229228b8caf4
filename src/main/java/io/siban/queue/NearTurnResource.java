package io.siban.queue;

import io.siban.common.problem.ProblemException;
import io.siban.queue.dto.NearTurnSetting;
import io.siban.security.HallAccess;
import io.siban.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/halls/{hall}/near-turn")
@Tag(name = "Tickets", description = "Queue tickets: issue, call, serve")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NearTurnResource {
    @Inject
    NearTurn nearTurn;
    @Inject
    HallAccess access;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR, Roles.CLERK})
    @Operation(summary = "How near a ticket's turn is when its holder is told (staff of the hall)")
    @APIResponse(responseCode = "200", description = "the hall's setting",
            content = @Content(examples = @ExampleObject(name = "default", value = "{\"ahead\": 3}")))
    @APIResponse(responseCode = "403", description = "staff of another hall")
    @APIResponse(responseCode = "404", description = "no such hall")
    public Uni<NearTurnSetting> get(@PathParam("hall") String hall) {
        access.require(hall);
        return nearTurn.ahead(hall).map(NearTurnSetting::new);
    }

    @PUT
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Set how near a ticket's turn is when its holder is told (admins; supervisors of the hall)",
            description = "A waiting ticket with at most `ahead` tickets before it in its queue gets ticket.near once, on its "
                    + "own stream and the hall's. Tickets already told are not told again.")
    @APIResponse(responseCode = "200", description = "the hall's new setting",
            content = @Content(examples = @ExampleObject(name = "two ahead", value = "{\"ahead\": 2}")))
    @APIResponse(responseCode = "400", description = "ahead missing or outside 1..50")
    @APIResponse(responseCode = "403", description = "not an admin or a supervisor of the hall")
    @APIResponse(responseCode = "404", description = "no such hall")
    public Uni<NearTurnSetting> set(@PathParam("hall") String hall,
                                    @RequestBody(content = @Content(examples = @ExampleObject(name = "two ahead", value = "{\"ahead\": 2}")))
                                    NearTurnSetting setting) {
        if (setting == null || setting.ahead() == null) {
            throw ProblemException.invalid("ahead", "is required");
        }
        access.require(hall);
        return nearTurn.setAhead(hall, setting.ahead(), access.caller()).map(NearTurnSetting::new);
    }
}
