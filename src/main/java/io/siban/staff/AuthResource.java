package io.siban.staff;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.siban.common.web.ClientAddress;
import io.siban.security.HallAccess;
import io.siban.staff.dto.TokenRequest;
import io.siban.staff.dto.TokenResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Logging in and asking who a token belongs to. The tag is shared with the staff and device roots, as one section of the API. */
@Path("/api/v1/auth")
@Tag(name = "Auth", description = "Tokens, staff accounts and devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {
    @Inject
    AccountService accounts;
    @Inject
    SecurityIdentity identity;
    @Inject
    HallAccess access;

    @POST
    @Path("/token")
    @PermitAll
    @Operation(summary = "Log in: a bearer token for a staff account")
    @APIResponse(responseCode = "200", description = "the token")
    @APIResponse(responseCode = "401", description = "wrong username or password, or account disabled")
    @APIResponse(responseCode = "429", description = "too many failed logins from this client address; wait Retry-After seconds")
    public Uni<TokenResponse> token(@Valid @NotNull TokenRequest request, @Context HttpServerRequest http) {
        return accounts.login(request, ClientAddress.of(http));
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "Who the bearer token belongs to: name, roles and halls")
    public Principal me() {
        return new Principal(identity.getPrincipal().getName(), identity.getRoles().stream().sorted().toList(), access.halls());
    }

    @Schema(name = "Principal")
    public record Principal(@Schema(example = "clerk1") String name, @Schema(example = "[\"clerk\"]") List<String> roles,
                            @Schema(example = "[\"lz-city\"]") List<String> halls) {
    }
}
