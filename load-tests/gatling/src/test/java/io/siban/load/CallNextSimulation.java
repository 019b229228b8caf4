package io.siban.load;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.*;

/**
 * Every window of every load hall calling continuously (halls × windows virtual clerks, each with its own
 * account and token): call-next → start → finish, pausing briefly on 204. First a prefill puts
 * {@code prefillPerWindow} tickets per window into the halls, then kiosks keep feeding {@code feedRate}
 * tickets per second while the clerks call, so windows rarely find nobody waiting. The call-next latency is
 * the request named "call-next"; its 200/204/409 split goes to results/CallNextSimulation-outcomes.json.
 */
public class CallNextSimulation extends Simulation {
    private final LoadConfig config = new LoadConfig();
    private final LoadFixture fixture = LoadFixture.prepare(config, true);
    private final Chains.CallOutcomes outcomes = new Chains.CallOutcomes();

    {
        int windows = config.halls * config.windows;
        int prefillTickets = windows * config.prefillPerWindow;
        int prefillKiosks = Math.max(1, Math.min(20, prefillTickets));
        int perKiosk = (prefillTickets + prefillKiosks - 1) / prefillKiosks;

        ScenarioBuilder prefill = scenario("prefill")
                .feed(listFeeder(fixture.kiosks).circular())
                .repeat(perKiosk).on(Chains.issueTicket("issue-ticket (prefill)"));
        ScenarioBuilder clerks = scenario("clerks")
                .feed(listFeeder(fixture.clerks).queue())
                .exec(Chains.clerkLoop(config, outcomes, config.duration));
        ScenarioBuilder feed = scenario("kiosk feed")
                .feed(listFeeder(fixture.kiosks).random())
                .exec(Chains.issueTicket("issue-ticket"));

        List<PopulationBuilder> calling = new ArrayList<>();
        // clerks sit down within the first service time (at least a second), not all in the same millisecond
        Duration sittingDown = config.serviceTime.compareTo(Duration.ofSeconds(1)) > 0 ? config.serviceTime : Duration.ofSeconds(1);
        calling.add(clerks.injectOpen(rampUsers(windows).during(sittingDown)));
        if (config.feedRate > 0) {
            calling.add(feed.injectOpen(constantUsersPerSec(config.feedRate).during(config.duration)));
        }
        // the prefill is bounded (prefillTickets requests); the margin covers it on top of the calling phase
        Duration maxDuration = config.maxDuration(config.duration.plusSeconds(prefillTickets == 0 ? 0 : 60));
        if (prefillTickets == 0) {
            setUp(calling).protocols(Chains.protocol(config)).maxDuration(maxDuration);
        } else {
            setUp(prefill.injectOpen(atOnceUsers(prefillKiosks)).andThen(calling))
                    .protocols(Chains.protocol(config)).maxDuration(maxDuration);
        }
    }

    @Override
    public void after() {
        outcomes.write(config, getClass().getSimpleName());
    }
}
