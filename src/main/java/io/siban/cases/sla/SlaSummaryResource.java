package io.siban.cases.sla;

import io.siban.cases.sla.dto.SlaSummary;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/sla/summary")
@Tag(name = "SLA", description = "Live SLA counts (electronic supervision, 电子监察)")
@Produces(MediaType.APPLICATION_JSON)
public class SlaSummaryResource {
    @Inject
    SlaCounters counters;
    @Inject
    SlaSummaries summaries;
    @Inject
    HallAccess access;

    @GET
    @RolesAllowed({Roles.SUPERVISOR, Roles.REVIEWER, Roles.ADMIN})
    @Operation(summary = "Open, paused, yellow, red and legal-breach cases per category, department, channel and window",
            description = "Case counts are live counters from Redis, recounted from PostgreSQL whenever a case of the hall moves or "
                    + "changes card. A case's window is the window of its first visit (the served ticket it was taken from); cases "
                    + "without one (online, mobile, self-service) count in byChannel only. Each window also shows the ticket "
                    + "it calls or serves now and its tickets served today, read from PostgreSQL. The department filter applies "
                    + "to the case counts only.")
    public Uni<SlaSummary> summary(@QueryParam("hall") String hall, @QueryParam("department") String department) {
        Uni<List<String>> halls;
        if (hall != null && !hall.isBlank()) {
            access.require(hall);
            halls = Uni.createFrom().item(List.of(hall));
        } else {
            halls = access.allows(Roles.ALL_HALLS) ? counters.halls() : Uni.createFrom().item(access.halls());
        }
        String onlyDepartment = department == null || department.isBlank() ? null : department;
        return halls.chain(list -> summaries.of(list, onlyDepartment));
    }
}
