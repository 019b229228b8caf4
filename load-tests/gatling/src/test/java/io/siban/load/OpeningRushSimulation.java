package io.siban.load;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * The hall opens: the doors open on empty queues, citizens arrive at the kiosks at {@code rate} per second
 * across the load halls, then the arrival rate ramps to {@code peakRate}; meanwhile every window calls
 * continuously (call-next → start → finish). Both sides for {@code duration} (+ the ramp for the kiosks);
 * request names "issue-ticket", "call-next", "start", "finish".
 */
public class OpeningRushSimulation extends Simulation {
    private final LoadConfig config = new LoadConfig();
    private final LoadFixture fixture = LoadFixture.prepare(config, true);
    private final Chains.CallOutcomes outcomes = new Chains.CallOutcomes();

    {
        ScenarioBuilder kiosks = scenario("kiosks (open)")
                .feed(listFeeder(fixture.kiosks).random())
                .exec(Chains.issueTicket("issue-ticket"));
        Duration mainPhase = config.duration.plus(config.rampDuration);
        ScenarioBuilder clerks = scenario("clerks")
                .feed(listFeeder(fixture.clerks).queue())
                .exec(Chains.clerkLoop(config, outcomes, mainPhase));
        setUp(
                config.rampDuration.isZero()
                        ? kiosks.injectOpen(constantUsersPerSec(config.rate).during(config.duration))
                        : kiosks.injectOpen(
                                constantUsersPerSec(config.rate).during(config.duration),
                                rampUsersPerSec(config.rate).to(config.peakRate).during(config.rampDuration)),
                clerks.injectOpen(atOnceUsers(config.halls * config.windows)))
                .protocols(Chains.protocol(config))
                .maxDuration(config.maxDuration(mainPhase));
    }

    @Override
    public void after() {
        outcomes.write(config, getClass().getSimpleName());
    }
}
