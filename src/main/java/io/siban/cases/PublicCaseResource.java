package io.siban.cases;

import io.siban.cases.dto.PublicCaseView;
import io.siban.common.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/public/cases")
@Tag(name = "Public progress lookup")
@Produces(MediaType.APPLICATION_JSON)
public class PublicCaseResource {
    @Inject
    CaseService cases;
    @Inject
    LookupThrottle throttle;

    @GET
    @Path("/{caseNumber}")
    @PermitAll
    @Operation(summary = "Progress of a case (进度可查, public)", description = "State, steps and dates only. An unknown number and a "
            + "wrong code get the same 404; repeated wrong codes for a number are rate limited (429).")
    public Uni<PublicCaseView> lookup(@PathParam("caseNumber") String caseNumber, @QueryParam("code") String code) {
        return throttle.check(caseNumber)
                .chain(() -> cases.lookup(caseNumber, code))
                .onFailure(ProblemException.class).call(failure -> ((ProblemException) failure).status() == 404
                        ? throttle.recordFailure(caseNumber) : Uni.createFrom().voidItem());
    }
}
