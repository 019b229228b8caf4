package io.siban.queue;

import io.siban.queue.dto.FinishRequest;
import io.siban.queue.dto.RatingRequest;
import io.siban.queue.dto.TicketView;
import io.siban.queue.dto.TransferRequest;
import io.siban.security.HallAccess;
import io.siban.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/tickets")
@Tag(name = "Tickets", description = "Queue tickets: issue, call, serve")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketResource {
    @Inject
    TicketService tickets;
    @Inject
    HallAccess access;
    @Inject
    ApplicantDisclosure disclosure;

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "A ticket's status, place in line and estimated wait (public)")
    public Uni<TicketView> get(@PathParam("id") UUID id) {
        return tickets.get(id);
    }

    @DELETE
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "Cancel a waiting ticket (citizen)")
    public Uni<TicketView> cancel(@PathParam("id") UUID id) {
        return tickets.cancel(id);
    }

    @GET
    @Path("/{id}/applicant")
    @RolesAllowed({Roles.CLERK, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The applicant's unmasked data, for staff of the ticket's hall",
            description = "Every response elsewhere shows it masked. Each call is recorded (who, when) before the data is sent.")
    @APIResponse(responseCode = "200", description = "name, ID number and phone as given at issue")
    @APIResponse(responseCode = "403", description = "staff of another hall")
    @APIResponse(responseCode = "404", description = "no such ticket, or it was issued without applicant data")
    public Uni<Response> applicant(@PathParam("id") UUID id) {
        return disclosure.ofTicket(id, access::allows, access.actor())
                .map(applicant -> Response.ok(applicant).cacheControl(NO_STORE).build());
    }

    private static final CacheControl NO_STORE = noStore();

    private static CacheControl noStore() {
        CacheControl control = new CacheControl();
        control.setNoStore(true);
        control.setNoTransform(false);
        return control;
    }

    @POST
    @Path("/{id}/recall")
    @RolesAllowed({Roles.CLERK, Roles.ADMIN})
    @Operation(summary = "Announce a called ticket again")
    public Uni<TicketView> recall(@PathParam("id") UUID id) {
        return tickets.recall(id, access::allows, access.actor());
    }

    @POST
    @Path("/{id}/no-show")
    @RolesAllowed({Roles.CLERK, Roles.ADMIN})
    @Operation(summary = "Mark a called ticket as not answered; the citizen may reactivate it within the grace period")
    public Uni<TicketView> noShow(@PathParam("id") UUID id) {
        return tickets.noShow(id, access::allows, access.actor());
    }

    @POST
    @Path("/{id}/reactivate")
    @PermitAll
    @Operation(summary = "Back into line after a no-show, within the grace period (citizen)")
    public Uni<TicketView> reactivate(@PathParam("id") UUID id) {
        return tickets.reactivate(id);
    }

    @POST
    @Path("/{id}/start")
    @RolesAllowed({Roles.CLERK, Roles.ADMIN})
    @Operation(summary = "The citizen arrived at the window: service starts")
    public Uni<TicketView> start(@PathParam("id") UUID id) {
        return tickets.start(id, access::allows, access.actor());
    }

    @POST
    @Path("/{id}/transfer")
    @RolesAllowed({Roles.CLERK, Roles.ADMIN})
    @Operation(summary = "Send the ticket to another queue or window; it keeps its arrival time")
    public Uni<TicketView> transfer(@PathParam("id") UUID id, TransferRequest request) {
        return tickets.transfer(id, request, access::allows, access.actor());
    }

    @POST
    @Path("/{id}/finish")
    @RolesAllowed({Roles.CLERK, Roles.ADMIN})
    @Operation(summary = "Finish service with an outcome")
    public Uni<TicketView> finish(@PathParam("id") UUID id,
                                  @RequestBody(content = @Content(examples = @ExampleObject(name = "missing documents", value = """
                                          {"outcome": "MISSING_DOCUMENTS", "missingDocuments": ["营业执照", "经营场所证明"]}""")))
                                  FinishRequest request) {
        return tickets.finish(id, request, access::allows, access.actor());
    }

    @POST
    @Path("/{id}/rating")
    @PermitAll
    @Operation(summary = "Rate the service, once (好差评, citizen)")
    public Uni<TicketView> rate(@PathParam("id") UUID id, RatingRequest request) {
        return tickets.rate(id, request);
    }
}
