package io.siban.report;

import io.siban.report.dto.KpiReport;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/reports/kpis")
@Tag(name = "Reports", description = "KPIs per hall, department, item, category, channel, window, clerk and period (docs/kpis.md)")
public class KpiResource {
    static final String CSV = "text/csv;qs=0.5";

    @Inject
    KpiService service;
    @Inject
    HallAccess access;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "KPIs of a period, grouped by one or two dimensions",
            description = "From the per-day rollups. from/to inclusive (default: this month up to today), at most "
                    + KpiQuery.MAX_DAYS + " days; groupBy one or two of hall, department, item, category, channel, window, "
                    + "clerk, day, week, month. Supervisors read their halls, admins all. Accept: text/csv gives the rows as CSV.")
    public Uni<KpiReport> kpis(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("hall") String hall,
                               @QueryParam("department") String department, @QueryParam("category") String category,
                               @QueryParam("channel") String channel, @QueryParam("window") String window,
                               @QueryParam("groupBy") String groupBy) {
        KpiQuery q = KpiQuery.parse(from, to, hall, department, category, channel, window, groupBy, service.today());
        return service.report(q, access.caller());
    }

    @GET
    @Produces(CSV)
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The same KPI rows as CSV, streamed line by line")
    public Multi<String> csv(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("hall") String hall,
                             @QueryParam("department") String department, @QueryParam("category") String category,
                             @QueryParam("channel") String channel, @QueryParam("window") String window,
                             @QueryParam("groupBy") String groupBy) {
        KpiQuery q = KpiQuery.parse(from, to, hall, department, category, channel, window, groupBy, service.today());
        return service.csv(q, access.caller());
    }
}
