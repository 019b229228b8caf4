package io.siban.staff;

import io.siban.security.Roles;
import io.siban.staff.dto.StaffRequest;
import io.siban.staff.dto.StaffView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/** Staff accounts, for admins. */
@Path("/api/v1/staff")
@Tag(name = "Auth", description = "Tokens, staff accounts and devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class StaffResource {
    @Inject
    AccountService accounts;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a staff account")
    @APIResponse(responseCode = "201", description = "created")
    public Uni<Response> createStaff(@Valid @NotNull StaffRequest request) {
        return accounts.create(request)
                .map(staff -> Response.created(URI.create("/api/v1/staff/" + staff.username())).entity(staff).build());
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "List staff accounts")
    public Uni<List<StaffView>> listStaff() {
        return accounts.list();
    }

    @DELETE
    @Path("/{username}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Disable a staff account; its tokens are refused at once")
    @APIResponse(responseCode = "204", description = "disabled")
    public Uni<Response> disableStaff(@PathParam("username") String username) {
        return accounts.disableEverywhere(username).map(ignored -> Response.noContent().build());
    }
}
