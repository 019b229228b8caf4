package io.siban.cases.sla;

import io.siban.catalog.Category;
import io.siban.security.HallAccess;
import io.siban.security.Roles;
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
    SlaCounters counters;
    @Inject
    HallAccess access;

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
            description = "Live counters from Redis, recounted from PostgreSQL whenever a case of the hall moves or changes card.")
    public Uni<Summary> summary(@QueryParam("hall") String hall, @QueryParam("department") String department) {
        Uni<List<String>> halls;
        if (hall != null && !hall.isBlank()) {
            access.require(hall);
            halls = Uni.createFrom().item(List.of(hall));
        } else {
            List<String> own = access.halls();
            halls = access.allows(Roles.ALL_HALLS) ? counters.halls() : Uni.createFrom().item(own);
        }
        String onlyDepartment = department == null || department.isBlank() ? null : department;
        return halls.chain(list -> {
            Uni<List<SlaCounters.Line>> all = Uni.createFrom().item(new ArrayList<>());
            for (String h : list) {
                all = all.chain(lines -> counters.of(h).map(more -> {
                    lines.addAll(more);
                    return lines;
                }));
            }
            return all;
        }).map(lines -> {
            Counts total = ZERO;
            Map<Category, Counts> byCategory = new EnumMap<>(Category.class);
            for (Category c : Category.values()) {
                byCategory.put(c, ZERO);
            }
            Map<String, Counts> byDepartment = new TreeMap<>();
            for (SlaCounters.Line line : lines) {
                if (onlyDepartment != null && !onlyDepartment.equals(line.department())) {
                    continue;
                }
                Counts counts = new Counts(line.open(), line.paused(), line.yellow(), line.red(), line.legalBreach());
                total = total.plus(counts);
                byCategory.merge(line.category(), counts, Counts::plus);
                byDepartment.merge(line.department(), counts, Counts::plus);
            }
            return new Summary(total, byCategory, byDepartment);
        });
    }
}
