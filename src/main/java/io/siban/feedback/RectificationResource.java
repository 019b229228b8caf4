package io.siban.feedback;

import io.siban.common.problem.ProblemException;
import io.siban.common.web.PageResult;
import io.siban.common.web.QueryParams;
import io.siban.feedback.dto.RectificationSummary;
import io.siban.feedback.dto.RectificationView;
import io.siban.feedback.dto.TransitionRequest;
import io.siban.security.HallAccess;
import io.siban.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/rectifications")
@Tag(name = "好差评 rectifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class RectificationResource {
    @Inject
    Rectifications rectifications;
    @Inject
    RectificationViews views;
    @Inject
    HallAccess access;

    @GET
    @Operation(summary = "The rectifications of bad ratings in the caller's halls (差评整改), unfinished and soonest due first")
    public Uni<PageResult<RectificationView>> list(@QueryParam("hall") String hall,
                                                   @QueryParam("state") @Schema(implementation = RectificationState.class) String state,
                                                   @QueryParam("overdue") @Schema(implementation = Boolean.class) String overdue,
                                                   @QueryParam("department") String department,
                                                   @QueryParam("page") @Schema(implementation = Integer.class) String page,
                                                   @QueryParam("size") @Schema(implementation = Integer.class) String size) {
        RectificationViews.Query query = new RectificationViews.Query(blankToNull(hall),
                QueryParams.enumValue(RectificationState.class, "state", state), bool("overdue", overdue), blankToNull(department),
                QueryParams.integer("page", page, 0), QueryParams.integer("size", size, 50));
        return rectifications.page(query, access.caller());
    }

    @GET
    @Path("/summary")
    @Operation(summary = "Live counters of the rectifications per hall: open, contact overdue, yellow, red, overdue")
    public Uni<RectificationSummary> summary(@QueryParam("hall") String hall) {
        return rectifications.summary(blankToNull(hall), access.caller());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A rectification with its rating, dues and every step; its version is the ETag")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return views.one(id, access.caller()).map(view -> Response.ok(view).tag(etag(view)).build());
    }

    @POST
    @Path("/{id}/transitions")
    @Operation(summary = "Move a rectification", description = "CONTACT, RECTIFY (note), CLOSE, APPEAL (note), EXCLUDE or UPHOLD "
            + "(note, by another supervisor than the appellant). Send the version you read as If-Match; a stale one is a 409, "
            + "and so is a move from the wrong state.")
    @APIResponse(responseCode = "200", description = "the rectification after the move")
    @APIResponse(responseCode = "409", description = "illegal move or stale version")
    public Uni<Response> transition(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, TransitionRequest request) {
        return rectifications.transition(id, request, ifMatch, access.caller())
                .map(view -> Response.ok(view).tag(etag(view)).build());
    }

    private static EntityTag etag(RectificationView view) {
        return new EntityTag(Integer.toString(view.version()));
    }

    private static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalid(name, "true or false");
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
