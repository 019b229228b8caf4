package io.siban.accountability;

import io.siban.accountability.dto.ExplanationRequest;
import io.siban.accountability.dto.ExplanationView;
import io.siban.security.HallAccess;
import io.siban.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import java.util.UUID;

/** Rooted at its full path: Quarkus REST routes by the longest root path, and {@code /api/v1/cases} is the cases' own. */
@Path("/api/v1/cases/{id}/explanations")
@Tag(name = "Accountability", description = "超时问责: the cards cases received and their explanations (docs/feedback.md)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ExplanationResource {
    @Inject
    Explanations explanations;
    @Inject
    HallAccess access;

    @POST
    @RolesAllowed({Roles.CLERK, Roles.REVIEWER, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Explain a card the case received: cause, responsible person, remedy",
            description = "Staff of the case's hall. The card must be one the case has received (else 422 naming card); cause, "
                    + "responsible and remedy are required, at most " + ExplanationRules.MAX_LENGTH + " characters each. A later "
                    + "explanation of the same card supersedes the earlier one, which is kept.")
    @APIResponse(responseCode = "201", description = "the explanation")
    @APIResponse(responseCode = "422", description = "the case has not received that card")
    public Uni<Response> explain(@PathParam("id") UUID id, ExplanationRequest request) {
        return explanations.explain(id, request, access.caller())
                .map(view -> Response.created(URI.create("/api/v1/cases/" + id + "/explanations")).entity(view).build());
    }

    @GET
    @RolesAllowed({Roles.CLERK, Roles.REVIEWER, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Every explanation of the case, oldest first (the latest of each card is in force)")
    public Uni<List<ExplanationView>> history(@PathParam("id") UUID id) {
        return explanations.history(id, access.caller());
    }
}
