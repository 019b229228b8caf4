package io.siban.cases;

import io.siban.cases.dto.PublicCaseView;
import io.siban.common.web.ClientAddress;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/public/cases")
@Tag(name = "Public progress lookup")
@Produces(MediaType.APPLICATION_JSON)
public class PublicCaseResource {
    @Inject
    CaseLookup cases;
    @Inject
    LookupThrottle throttle;

    @GET
    @Path("/{caseNumber}")
    @PermitAll
    @Operation(summary = "Progress of a case (进度可查, public)", description = "State, steps and dates only. An unknown number and a "
            + "wrong code get the same 404; repeated wrong lookups from one client address, for one number or over many, are "
            + "rate limited (429 with Retry-After).")
    public Uni<PublicCaseView> lookup(@PathParam("caseNumber") String caseNumber, @QueryParam("code") String code,
                                      @Context HttpServerRequest request) {
        String client = ClientAddress.of(request);
        return throttle.acquire(client, caseNumber)
                .chain(() -> cases.lookup(caseNumber, code))
                .call(() -> throttle.succeeded(client, caseNumber));
    }
}
