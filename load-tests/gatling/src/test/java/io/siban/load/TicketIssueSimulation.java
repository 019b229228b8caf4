package io.siban.load;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * The opening rush at the kiosks: tickets issued across the load halls, each with a fresh Idempotency-Key,
 * expecting 201 and a ticket number. Open model by default (a constant arrival rate, then a ramp to the
 * peak rate; one ticket per arriving citizen); {@code -Dmodel=closed -Dusers=N} instead keeps N kiosks
 * issuing back to back for the duration, which is what bin/ticket-benchmark compares with pgbench.
 * Request name: "issue-ticket".
 */
public class TicketIssueSimulation extends Simulation {
    private final LoadConfig config = new LoadConfig();
    private final LoadFixture fixture = LoadFixture.prepare(config, false);

    {
        ScenarioBuilder kiosks;
        PopulationBuilder population;
        Duration mainPhase;
        if (config.model.equals("closed")) {
            kiosks = scenario("kiosks (closed, " + config.users + ")")
                    .feed(listFeeder(fixture.kiosks).circular())
                    .during(config.duration).on(Chains.issueTicket("issue-ticket"));
            // every kiosk starts at once and loops for the duration: N connections, like pgbench -c N
            population = kiosks.injectOpen(atOnceUsers(config.users));
            mainPhase = config.duration;
        } else {
            kiosks = scenario("kiosks (open)")
                    .feed(listFeeder(fixture.kiosks).random())
                    .exec(Chains.issueTicket("issue-ticket"));
            population = config.rampDuration.isZero()
                    ? kiosks.injectOpen(constantUsersPerSec(config.rate).during(config.duration))
                    : kiosks.injectOpen(
                            constantUsersPerSec(config.rate).during(config.duration),
                            rampUsersPerSec(config.rate).to(config.peakRate).during(config.rampDuration));
            mainPhase = config.duration.plus(config.rampDuration);
        }
        setUp(population).protocols(Chains.protocol(config)).maxDuration(config.maxDuration(mainPhase));
    }
}
