package io.siban.feedback;

import io.siban.cases.LookupThrottle;
import io.siban.common.web.ClientAddress;
import io.siban.rating.Rating;
import io.siban.rating.RatingRequest;
import io.siban.rating.RatingRules;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Rooted at its full path: the public case lookup's class owns /api/v1/public/cases. */
@Path("/api/v1/public/cases/{caseNumber}/rating")
@Tag(name = "Public progress lookup")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CaseRatingResource {
    @Inject
    Ratings ratings;
    @Inject
    LookupThrottle throttle;

    @POST
    @PermitAll
    @Operation(summary = "Rate a closed case, once (一事一评, public, with its verification code)", description = "Within the rating "
            + "window after the close. An unknown number and a wrong code get the same 404, and count towards the lookup's limit "
            + "(429 with Retry-After).")
    @APIResponse(responseCode = "201", description = "rated")
    @APIResponse(responseCode = "409", description = "already rated")
    public Uni<Response> rate(@PathParam("caseNumber") String caseNumber, @QueryParam("code") String code, RatingRequest request,
                              @Context HttpServerRequest http) {
        Rating rating = RatingRules.check(request);
        String client = ClientAddress.of(http);
        // a verified code gives its attempt back whatever the rating's outcome (409, 422): only guesses count
        return throttle.acquire(client, caseNumber)
                .chain(() -> ratings.verified(caseNumber, code))
                .call(() -> throttle.succeeded(client, caseNumber))
                .chain(id -> ratings.rateCase(id, rating))
                .map(view -> Response.status(Response.Status.CREATED).entity(view).build());
    }
}
