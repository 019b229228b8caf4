package io.siban.accountability;

import io.siban.accountability.dto.RegisterItem;
import io.siban.common.web.PageResult;
import io.siban.security.HallAccess;
import io.siban.security.Roles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/accountability")
@Tag(name = "Accountability", description = "超时问责: the cards cases received and their explanations (docs/feedback.md)")
public class AccountabilityResource {
    static final String CSV = "text/csv;qs=0.5";

    @Inject
    Register register;
    @Inject
    HallAccess access;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Every card received in a period, newest first, with its explanation",
            description = "from/to: hall-local dates, both required and included, at most " + RegisterQuery.MAX_DAYS + " days. "
                    + "Supervisors read their halls, admins all (hall narrows it to one). explanationDue is the same local time on "
                    + "the third working day after the card; unexplainedOverdue flags a RED or LEGAL_BREACH card still without an "
                    + "explanation after it, and unexplained=true lists only those. Accept: text/csv gives every row as CSV.")
    public Uni<PageResult<RegisterItem>> register(@QueryParam("hall") String hall, @QueryParam("from") String from,
                                                  @QueryParam("to") String to,
                                                  @QueryParam("card") @Schema(enumeration = {"YELLOW", "RED", "LEGAL_BREACH"}) String card,
                                                  @QueryParam("unexplained") @Schema(implementation = Boolean.class) String unexplained,
                                                  @QueryParam("department") String department,
                                                  @QueryParam("page") @Schema(implementation = Integer.class) String page,
                                                  @QueryParam("size") @Schema(implementation = Integer.class) String size) {
        RegisterQuery q = RegisterQuery.parse(from, to, hall, card, unexplained, department, page, size);
        return register.page(q, access.caller());
    }

    @GET
    @Produces(CSV)
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The same rows as CSV (every row, not a page), with a byte order mark")
    public Multi<String> csv(@QueryParam("hall") String hall, @QueryParam("from") String from, @QueryParam("to") String to,
                             @QueryParam("card") String card, @QueryParam("unexplained") String unexplained,
                             @QueryParam("department") String department) {
        RegisterQuery q = RegisterQuery.parse(from, to, hall, card, unexplained, department, null, null);
        return register.all(q, access.caller()).onItem().transformToMulti(items -> Multi.createFrom().item(RegisterCsv.header())
                .onCompletion().switchTo(Multi.createFrom().iterable(items).map(RegisterCsv::line)));
    }
}
