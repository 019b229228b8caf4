package io.siban.feedback;

import io.siban.feedback.dto.FeedbackSettings;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Rooted at its full path (the hall resource owns /api/v1/halls). */
@Path("/api/v1/halls/{hall}/feedback")
@Tag(name = "好差评 rectifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HallFeedbackResource {
    @Inject
    Rectifications rectifications;
    @Inject
    HallAccess access;

    @GET
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "How long the hall's departments have to answer a bad rating, in working days")
    public Uni<FeedbackSettings> get(@PathParam("hall") String hall) {
        return rectifications.settings(hall, access.caller());
    }

    @PUT
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "How long the hall's departments have to answer a bad rating", description = "回访 and 整改 in working days "
            + "of the hall's calendar (defaults 1 and 15); rectifications opened later get the new dues, open ones keep theirs.")
    public Uni<FeedbackSettings> put(@PathParam("hall") String hall, FeedbackSettings settings) {
        return rectifications.settings(hall, settings, access.caller());
    }
}
