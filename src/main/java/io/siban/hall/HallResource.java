package io.siban.hall;

import io.siban.hall.dto.HallRequest;
import io.siban.hall.dto.HallView;
import io.siban.hall.dto.QueueRequest;
import io.siban.hall.dto.ServiceHours;
import io.siban.hall.dto.WindowPatch;
import io.siban.hall.dto.WindowRequest;
import io.siban.outbox.OutboxPublisher;
import io.siban.security.HallAccess;
import io.siban.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

@Path("/api/v1/halls")
@Tag(name = "Halls", description = "Halls, their queues and windows")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HallResource {
    @Inject
    HallService halls;
    @Inject
    HallAccess access;
    @Inject
    OutboxPublisher publisher;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a hall", description = "With serviceHours the hall takes tickets only inside them (hall-local)")
    public Uni<Response> create(@Valid @NotNull HallRequest request) {
        return halls.create(request).map(hall -> Response.created(URI.create("/api/v1/halls/" + hall.code())).entity(hall).build());
    }

    @GET
    @PermitAll
    @Operation(summary = "List halls (public)")
    public Uni<List<HallView>> list() {
        return halls.list();
    }

    @GET
    @Path("/{hall}")
    @PermitAll
    @Operation(summary = "A hall with its queues and windows (public)")
    public Uni<HallView> get(@PathParam("hall") String hall) {
        return halls.get(hall);
    }

    @PUT
    @Path("/{hall}/service-hours")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Set when the hall takes tickets (admins; supervisors of the hall)",
            description = "Hall-local weekly hours and dated exceptions. Service hours are not working days: Saturday service "
                    + "leaves Saturday out of every deadline. Outside them a ticket is refused with 422 hall-closed.")
    @APIResponse(responseCode = "200", description = "the hall with its service hours")
    @APIResponse(responseCode = "400", description = "an unknown weekday, a malformed date or time, an inverted or overlapping interval")
    public Uni<HallView> setServiceHours(@PathParam("hall") String hall,
                                         @RequestBody(content = @Content(examples = @ExampleObject(name = "Saturday mornings", value = """
                                                 {"weeklyHours": {"MONDAY": [["09:00","12:00"],["13:00","17:00"]],
                                                  "SATURDAY": [["09:00","12:00"]]}, "exceptions": {"2026-12-25": []}}""")))
                                         @Valid @NotNull ServiceHours hours) {
        access.require(hall);
        return halls.setServiceHours(hall, hours);
    }

    @DELETE
    @Path("/{hall}/service-hours")
    @RolesAllowed({Roles.ADMIN, Roles.SUPERVISOR})
    @Operation(summary = "Remove the hall's service hours: it takes tickets whenever asked (admins; supervisors of the hall)")
    public Uni<HallView> clearServiceHours(@PathParam("hall") String hall) {
        access.require(hall);
        return halls.setServiceHours(hall, null);
    }

    @POST
    @Path("/{hall}/queues")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a queue (letter prefix) to a hall")
    public Uni<Response> addQueue(@PathParam("hall") String hall, @Valid @NotNull QueueRequest request) {
        return halls.addQueue(hall, request).map(queue -> Response.status(201).entity(queue).build());
    }

    @POST
    @Path("/{hall}/windows")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a window; its queues must exist in the hall")
    public Uni<Response> addWindow(@PathParam("hall") String hall, @Valid @NotNull WindowRequest request) {
        return halls.addWindow(hall, request).map(window -> Response.status(201).entity(window).build());
    }

    @PATCH
    @Path("/{hall}/windows/{number}")
    @RolesAllowed({Roles.ADMIN, Roles.CLERK, Roles.SUPERVISOR})
    @Operation(summary = "Open, pause or close a window (clerks, supervisors and admins of the hall); change its queues (admins)")
    public Uni<HallView.WindowView> patchWindow(@PathParam("hall") String hall, @PathParam("number") int number,
                                                @Valid @NotNull WindowPatch patch) {
        access.requireWindow(hall, number);
        return halls.patchWindow(hall, number, patch, access.caller()).invoke(publisher::wake);
    }
}
