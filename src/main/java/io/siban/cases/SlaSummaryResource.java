package io.siban.cases;

import io.siban.catalog.Category;
import io.siban.common.Clocks;
import io.siban.security.HallAccess;
import io.siban.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
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

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@Path("/api/v1/sla/summary")
@Tag(name = "SLA", description = "Live SLA counts (electronic supervision, 电子监察)")
@Produces(MediaType.APPLICATION_JSON)
public class SlaSummaryResource {
    @Inject
    Pool pool;
    @Inject
    HallAccess access;
    @Inject
    Clocks clocks;

    @Schema(name = "SlaCounts")
    public record Counts(@Schema(example = "120") long open, @Schema(example = "8") long paused, @Schema(example = "11") long yellow,
                         @Schema(example = "3") long red, @Schema(example = "0") long legalBreach) {
        Counts plus(Counts o) {
            return new Counts(open + o.open, paused + o.paused, yellow + o.yellow, red + o.red, legalBreach + o.legalBreach);
        }
    }

    @Schema(name = "SlaSummary")
    public record Summary(Counts total, Map<Category, Counts> byCategory, Map<String, Counts> byDepartment) {
    }

    static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

    @GET
    @RolesAllowed({Roles.SUPERVISOR, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Open, paused, yellow, red and legal-breach cases per category and department",
            description = "Cards of running cases are read from their dues against now; paused cases keep the card of their last move.")
    public Uni<Summary> summary(@QueryParam("hall") String hall, @QueryParam("department") String department) {
        List<String> halls;
        if (hall != null && !hall.isBlank()) {
            access.require(hall);
            halls = List.of(hall);
        } else {
            List<String> own = access.halls();
            halls = access.allows("*") && (own.contains(Roles.ALL_HALLS) || own.isEmpty()) ? null : own;
        }
        return pool.preparedQuery("""
                        select department, category,
                               count(*) as open,
                               count(*) filter (where state = 'SUSPENDED') as paused,
                               count(*) filter (where (state <> 'SUSPENDED' and yellow_from <= $3 and committed_due > $3)
                                                   or (state = 'SUSPENDED' and card = 'YELLOW')) as yellow,
                               count(*) filter (where (state <> 'SUSPENDED' and committed_due <= $3 and (statutory_due is null or statutory_due > $3))
                                                   or (state = 'SUSPENDED' and card = 'RED')) as red,
                               count(*) filter (where (state <> 'SUSPENDED' and statutory_due <= $3)
                                                   or (state = 'SUSPENDED' and card = 'LEGAL_BREACH')) as legal_breach
                        from service_case
                        where state in ('ACCEPTED', 'IN_REVIEW', 'SUSPENDED', 'FORWARDED', 'RETURNED')
                          and ($1::text[] is null or hall_code = any($1)) and ($2::text is null or department = $2)
                        group by department, category""")
                .execute(Tuple.of(halls == null ? null : halls.toArray(String[]::new),
                        department == null || department.isBlank() ? null : department, clocks.now()))
                .map(rows -> {
                    Counts total = ZERO;
                    Map<Category, Counts> byCategory = new EnumMap<>(Category.class);
                    for (Category c : Category.values()) {
                        byCategory.put(c, ZERO);
                    }
                    Map<String, Counts> byDepartment = new TreeMap<>();
                    for (Row r : rows) {
                        Counts counts = new Counts(r.getLong("open"), r.getLong("paused"), r.getLong("yellow"), r.getLong("red"),
                                r.getLong("legal_breach"));
                        total = total.plus(counts);
                        byCategory.merge(Category.valueOf(r.getString("category")), counts, Counts::plus);
                        byDepartment.merge(r.getString("department"), counts, Counts::plus);
                    }
                    return new Summary(total, byCategory, byDepartment);
                });
    }
}
