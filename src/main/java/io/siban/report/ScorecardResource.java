package io.siban.report;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.siban.common.RateLimit;
import io.siban.common.web.ClientAddress;
import io.siban.report.dto.ScorecardView;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;

/** 晒成绩单: the public scorecard of a hall, for its TV and the portal. */
@Path("/api/v1/public/halls/{hall}/scorecard")
@Tag(name = "Reports")
public class ScorecardResource {
    private final Scorecards scorecards;
    private final RateLimit limit;
    private final int perMinute;

    @Inject
    public ScorecardResource(Scorecards scorecards, ReactiveRedisDataSource redis, ScorecardConfig config) {
        this.scorecards = scorecards;
        this.limit = new RateLimit(redis, Duration.ofMinutes(1), Duration.ofMinutes(10));
        this.perMinute = config.perAddressPerMinute();
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A hall's public scorecard of a month (public)",
            description = "The four published lists (items per category) and, per department, cases closed, on-time rate, "
                    + "speed-up and satisfaction of the month, with the month's tickets. Aggregates only. month is YYYY-MM "
                    + "(default this month). Limited per client address (siban.scorecard.per-address-per-minute).")
    @APIResponse(responseCode = "400", description = "month is not YYYY-MM, or lies in the future")
    @APIResponse(responseCode = "404", description = "no such hall")
    @APIResponse(responseCode = "429", description = "too many requests from this address; see Retry-After")
    public Uni<ScorecardView> scorecard(@PathParam("hall") String hall, @QueryParam("month") String month,
                                        @Context HttpServerRequest http) {
        return limit.acquire("too many scorecard requests from this address; wait before asking again",
                        new RateLimit.Count("siban:scorecard:{" + ClientAddress.of(http) + "}", perMinute))
                .chain(() -> scorecards.of(hall, month));
    }
}
