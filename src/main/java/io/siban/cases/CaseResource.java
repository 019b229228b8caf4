package io.siban.cases;

import io.quarkus.security.identity.SecurityIdentity;
import io.siban.cases.dto.CaseRequest;
import io.siban.cases.dto.CaseView;
import io.siban.cases.dto.TransitionRequest;
import io.siban.cases.dto.TransitionView;
import io.siban.catalog.Category;
import io.siban.common.web.PageResult;
import io.siban.common.web.Paging;
import io.siban.common.web.QueryParams;
import io.siban.security.HallAccess;
import io.siban.security.Roles;
import io.siban.sla.deadline.SlaCard;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/cases")
@Tag(name = "Cases", description = "Cases (办件) and their SLA clock")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CaseResource {
    @Inject
    CaseIntake intake;
    @Inject
    CaseMoves moves;
    @Inject
    CaseReader reader;
    @Inject
    HallAccess access;
    @Inject
    SecurityIdentity identity;

    @POST
    @RolesAllowed({Roles.CLERK, Roles.KIOSK, Roles.ADMIN})
    @Operation(summary = "Submit a case at a window or through the online channel",
            description = "Complete documents at a window: ACCEPTED, the clock starts. Missing documents: SUBMITTED with the full list "
                    + "(一次性告知), unless the item accepts a shortfall (容缺受理). Online/mobile/self-service: SUBMITTED for pre-review, "
                    + "only for online-capable items (else 422). The verification code for the public lookup is in this answer.")
    @APIResponse(responseCode = "201", description = "created")
    @APIResponse(responseCode = "200", description = "the case created earlier under this Idempotency-Key")
    public Uni<Response> create(@HeaderParam("Idempotency-Key") String idempotencyKey,
                                @RequestBody(content = @Content(examples = @ExampleObject(name = "window", value = """
                                        {"itemCode": "SC-005", "hall": "lz-city", "channel": "WINDOW",
                                         "applicant": {"name": "张三", "idNumber": "620102199001011234"},
                                         "submittedDocuments": ["食品经营许可申请书", "营业执照", "食品安全管理制度", "场所平面图"]}""")))
                                CaseRequest request) {
        if (request != null && request.hall() != null) {
            access.require(request.hall());
        }
        return intake.create(request, idempotencyKey, access.caller()).map(created -> (created.created()
                ? Response.created(URI.create("/api/v1/cases/" + created.view().id()))
                : Response.ok()).entity(created.view()).tag(etag(created.view())).build());
    }

    @POST
    @Path("/{id}/transitions")
    @RolesAllowed({Roles.CLERK, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Move the case", description = "Send the version you read as If-Match; a stale one is a 409, "
            + "and so is a move the state machine does not allow.")
    @APIResponse(responseCode = "200", description = "the case after the move")
    @APIResponse(responseCode = "409", description = "illegal move or stale version")
    public Uni<Response> transition(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, TransitionRequest request) {
        return moves.transition(id, request, ifMatch, access.caller())
                .map(view -> Response.ok(view).tag(etag(view)).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CLERK, Roles.REVIEWER, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "A case with its SLA: dues, card, remaining working time, pauses")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return reader.get(id, access.caller()).map(view -> Response.ok(view).tag(etag(view)).build());
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.CLERK, Roles.REVIEWER, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Every move of the case, oldest first (全程留痕)")
    public Uni<List<TransitionView>> history(@PathParam("id") UUID id) {
        return reader.history(id, access.caller());
    }

    @GET
    @RolesAllowed({Roles.CLERK, Roles.REVIEWER, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "List cases of the caller's halls, filtered")
    public Uni<PageResult<CaseView>> list(@QueryParam("hall") String hall, @QueryParam("department") String department,
                                          @QueryParam("state") @Schema(implementation = CaseState.class) String state,
                                          @QueryParam("card") @Schema(implementation = SlaCard.class) String card,
                                          @QueryParam("category") @Schema(implementation = Category.class) String category,
                                          @QueryParam("page") @Schema(implementation = Integer.class) String page,
                                          @QueryParam("size") @Schema(implementation = Integer.class) String size) {
        int pageNumber = QueryParams.integer("page", page, 0);
        int pageSize = QueryParams.integer("size", size, 20);
        Paging.check(pageNumber, pageSize);
        List<String> halls;
        if (hall != null && !hall.isBlank()) {
            access.require(hall);
            halls = List.of(hall);
        } else {
            List<String> own = access.halls();
            halls = identity.hasRole(Roles.ADMIN) || own.contains(Roles.ALL_HALLS) ? null : own;
        }
        CaseFilter filter = new CaseFilter(halls, department == null || department.isBlank() ? null : department,
                QueryParams.enumValue(CaseState.class, "state", state), QueryParams.enumValue(SlaCard.class, "card", card),
                QueryParams.enumValue(Category.class, "category", category));
        return reader.list(filter, pageNumber, pageSize);
    }

    private static EntityTag etag(CaseView view) {
        return new EntityTag(Integer.toString(view.version()));
    }
}
