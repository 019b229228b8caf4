package io.siban.queue;

import io.siban.queue.dto.FinishRequest;
import io.siban.rating.RatingRequest;
import io.siban.queue.dto.TicketView;
import io.siban.queue.dto.TransferRequest;
import io.siban.security.HallAccess;
import io.siban.security.Caller;
import io.siban.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.siban.common.problem.ProblemException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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
    TicketViews views;
    @Inject
    TicketMoves tickets;
    @Inject
    HallAccess access;
    @Inject
    ApplicantDisclosure disclosure;
    @Inject
    TicketKeys keys;
    @Inject
    CurrentIdentityAssociation identities;

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "A ticket's status, place in line and estimated wait (public)")
    public Uni<TicketView> get(@PathParam("id") UUID id) {
        return views.get(id);
    }

    @DELETE
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "Cancel a waiting ticket (citizen, with the ticket's key; or staff of its hall)")
    @APIResponse(responseCode = "401", description = "neither the ticket's key nor a token")
    @APIResponse(responseCode = "403", description = "a wrong key, or a token that is not staff of the ticket's hall")
    public Uni<TicketView> cancel(@PathParam("id") UUID id, @BeanParam TicketKey key) {
        return holder(id, key).chain(holder -> tickets.cancel(id, holder));
    }

    /** The ticket's access key, as a query parameter (the QR link) or a header. */
    public static class TicketKey {
        @QueryParam("key")
        @Parameter(description = "the ticket's access key, from the issue answer or the printed QR link")
        String query;
        @HeaderParam("X-Ticket-Key")
        @Parameter(description = "the ticket's access key, as a header")
        String header;

        String value() {
            return header != null && !header.isBlank() ? header : query;
        }
    }

    /**
     * Who acts for the citizen, and on which halls: the key's holder on this ticket, or desk staff on
     * their halls. The key decides when one is given; otherwise the token, resolved here since these
     * endpoints do not require one.
     */
    private Uni<Caller> holder(UUID id, TicketKey key) {
        String presented = key == null ? null : key.value();
        if (presented != null && !presented.isBlank()) {
            if (!keys.matches(id, presented)) {
                throw ProblemException.forbidden("this is not the ticket's key");
            }
            return Uni.createFrom().item(Caller.ticketHolder());
        }
        return identities.getDeferredIdentity().chain(TicketResource::deskStaff);
    }

    /** The caller of a token that may act for a citizen at the desk; a failed Uni for anyone else. */
    private static Uni<Caller> deskStaff(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().failure(
                    ProblemException.unauthorized("give the ticket's key (?key= or X-Ticket-Key), or a staff token"));
        }
        Caller caller = Caller.of(identity);
        if (!caller.isDeskStaff()) {
            return Uni.createFrom().failure(ProblemException.forbidden("only the ticket's holder or staff of its hall may do this"));
        }
        return Uni.createFrom().item(caller);
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
        return disclosure.ofTicket(id, access.caller())
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
        return tickets.recall(id, access.caller());
    }

    @POST
    @Path("/{id}/no-show")
    @RolesAllowed({Roles.CLERK, Roles.ADMIN})
    @Operation(summary = "Mark a called ticket as not answered; the citizen may reactivate it within the grace period")
    public Uni<TicketView> noShow(@PathParam("id") UUID id) {
        return tickets.noShow(id, access.caller());
    }

    @POST
    @Path("/{id}/reactivate")
    @PermitAll
    @Operation(summary = "Back into line after a no-show, within the grace period (citizen, with the ticket's key; or staff of its hall)")
    public Uni<TicketView> reactivate(@PathParam("id") UUID id, @BeanParam TicketKey key) {
        return holder(id, key).chain(holder -> tickets.reactivate(id, holder));
    }

    @POST
    @Path("/{id}/start")
    @RolesAllowed({Roles.CLERK, Roles.ADMIN})
    @Operation(summary = "The citizen arrived at the window: service starts")
    public Uni<TicketView> start(@PathParam("id") UUID id) {
        return tickets.start(id, access.caller());
    }

    @POST
    @Path("/{id}/transfer")
    @RolesAllowed({Roles.CLERK, Roles.ADMIN})
    @Operation(summary = "Send the ticket to another queue or window; it keeps its arrival time")
    public Uni<TicketView> transfer(@PathParam("id") UUID id, TransferRequest request) {
        return tickets.transfer(id, request, access.caller());
    }

    @POST
    @Path("/{id}/finish")
    @RolesAllowed({Roles.CLERK, Roles.ADMIN})
    @Operation(summary = "Finish service with an outcome")
    public Uni<TicketView> finish(@PathParam("id") UUID id,
                                  @RequestBody(content = @Content(examples = @ExampleObject(name = "missing documents", value = """
                                          {"outcome": "MISSING_DOCUMENTS", "missingDocuments": ["营业执照", "经营场所证明"]}""")))
                                  FinishRequest request) {
        return tickets.finish(id, request, access.caller());
    }

    @POST
    @Path("/{id}/rating")
    @PermitAll
    @Operation(summary = "Rate the service, once (好差评, citizen, with the ticket's key)")
    public Uni<TicketView> rate(@PathParam("id") UUID id, @BeanParam TicketKey key, RatingRequest request) {
        return holder(id, key).chain(holder -> tickets.rate(id, request, holder));
    }
}
