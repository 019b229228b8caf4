package io.siban.load;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

/**
 * Creates (idempotently) the load halls, queues, open windows, kiosk devices and clerk accounts that the
 * other simulations use, then checks them through Gatling with endpoints that need no ticket API: each hall
 * has its queues and open windows, each clerk account logs in and is scoped to its hall, and the catalogue
 * summary answers. A few dozen requests; a quick end-to-end check of the harness and the service.
 */
public class SetupSimulation extends Simulation {
    private final LoadConfig config = new LoadConfig();
    private final LoadFixture fixture = LoadFixture.prepare(config, true);

    {
        ScenarioBuilder halls = scenario("halls")
                .feed(listFeeder(fixture.kiosks).queue())
                .exec(http("hall")
                        .get("/api/v1/halls/#{hall}")
                        .check(status().is(200))
                        .check(jsonPath("$.queues[*].code").findAll().transform(codes -> codes.containsAll(LoadFixture.QUEUES)).is(true))
                        .check(jsonPath("$.windows[?(@.status == 'OPEN')].number").count().gte(config.windows)))
                .exec(http("items-summary").get("/api/v1/items/summary").check(status().is(200), jsonPath("$.total").exists()));
        ScenarioBuilder clerks = scenario("clerks")
                .feed(listFeeder(fixture.clerks).queue())
                .exec(http("clerk-login")
                        .post("/api/v1/auth/token")
                        .body(StringBody("{\"username\":\"#{username}\",\"password\":\"" + config.clerkPassword + "\"}"))
                        .check(status().is(200))
                        .check(jsonPath("$.accessToken").exists())
                        .check(substring("\"#{hall}\"").exists()));
        setUp(
                halls.injectOpen(atOnceUsers(fixture.kiosks.size())),
                clerks.injectOpen(rampUsers(fixture.clerks.size()).during(Duration.ofSeconds(2))))
                .protocols(Chains.protocol(config))
                .maxDuration(Duration.ofSeconds(60))
                .assertions(global().failedRequests().count().is(0L));
    }
}
