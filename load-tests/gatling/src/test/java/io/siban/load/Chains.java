package io.siban.load;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

/** The building blocks shared by the simulations: the HTTP protocol, a kiosk issuing a ticket, a clerk's loop. */
final class Chains {
    private Chains() {
    }

    static HttpProtocolBuilder protocol(LoadConfig config) {
        return http.baseUrl(config.baseUrl)
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .userAgentHeader("siban-load-tests")
                .disableCaching()
                // health lives on the management port; warm up on a public answer of the port under test
                .warmUp(config.baseUrl + "/api/v1/calendars");
    }

    private static final String[] QUEUES = LoadFixture.QUEUES.toArray(String[]::new);

    /**
     * One kiosk ticket: a random queue of the hall fed into the session, a fresh Idempotency-Key each time.
     * Expects {@code hall} and {@code kioskToken} in the session.
     */
    static ChainBuilder issueTicket(String requestName) {
        return exec(session -> session.set("queueCode", QUEUES[ThreadLocalRandom.current().nextInt(QUEUES.length)]))
                .exec(http(requestName)
                        .post("/api/v1/halls/#{hall}/tickets")
                        .header("Authorization", "Bearer #{kioskToken}")
                        .header("Idempotency-Key", session -> UUID.randomUUID().toString())
                        .body(StringBody("{\"queueCode\":\"#{queueCode}\",\"channel\":\"KIOSK\",\"priority\":\"NORMAL\"}"))
                        .check(status().is(201))
                        .check(jsonPath("$.number").exists()));
    }

    /** Counts of what call-next answered, written to the results folder at the end (Gatling's stats do not split by status). */
    static final class CallOutcomes {
        final LongAdder called = new LongAdder();
        final LongAdder empty = new LongAdder();
        final LongAdder busy = new LongAdder();
        final LongAdder other = new LongAdder();
        final LongAdder finished = new LongAdder();

        void write(LoadConfig config, String simulation) {
            String json = String.format("{\"simulation\":\"%s\",\"windows\":%d,\"callNext200\":%d,\"callNext204\":%d,"
                            + "\"callNext409\":%d,\"callNextOther\":%d,\"finished\":%d}%n", simulation,
                    config.halls * config.windows, called.sum(), empty.sum(), busy.sum(), other.sum(), finished.sum());
            System.out.print("[call-next outcomes] " + json);
            try {
                Files.createDirectories(config.resultsDir);
                Files.writeString(config.resultsDir.resolve(simulation + "-outcomes.json"), json);
            } catch (IOException e) {
                System.err.println("cannot write call-next outcomes: " + e);
            }
        }
    }

    /**
     * A clerk at one window, calling for the given time: call-next → 200: start → finish (CONSULTATION);
     * 204: nobody waits, pause; 409: the window still has a ticket, finish the one this clerk knows about
     * (or pause if it knows none, e.g. left over from an earlier run). Expects {@code hall}, {@code window}
     * and {@code clerkToken} in the session.
     */
    static ChainBuilder clerkLoop(LoadConfig config, CallOutcomes outcomes, java.time.Duration callingFor) {
        ChainBuilder started = exec(http("start")
                .post("/api/v1/tickets/#{ticketId}/start")
                .header("Authorization", "Bearer #{clerkToken}")
                .check(status().is(200)));
        // a citizen takes between half and one and a half times the service time: windows drift apart as in a hall
        ChainBuilder serve = (config.serviceTime.isZero() ? started
                        : started.pause(config.serviceTime.dividedBy(2), config.serviceTime.multipliedBy(3).dividedBy(2)))
                .exec(http("finish")
                        .post("/api/v1/tickets/#{ticketId}/finish")
                        .header("Authorization", "Bearer #{clerkToken}")
                        .body(StringBody("{\"outcome\":\"CONSULTATION\"}"))
                        .check(status().is(200))
                        .check(status().saveAs("finishStatus")))
                .exec(session -> afterFinish(session, outcomes));
        ChainBuilder recover = exec(http("start (recover)")
                        .post("/api/v1/tickets/#{ticketId}/start")
                        .header("Authorization", "Bearer #{clerkToken}")
                        .check(status().in(200, 409)))
                .exec(http("finish (recover)")
                        .post("/api/v1/tickets/#{ticketId}/finish")
                        .header("Authorization", "Bearer #{clerkToken}")
                        .body(StringBody("{\"outcome\":\"CONSULTATION\"}"))
                        .check(status().in(200, 409))
                        .check(status().saveAs("finishStatus")))
                .exec(session -> afterFinish(session, outcomes));

        // exitASAP=false: a clerk finishes the ticket in hand when the time is up, leaving no window busy for the next run
        return during(callingFor, false).on(
                exec(session -> session.remove("callStatus"))
                        .exec(http("call-next")
                                .post("/api/v1/halls/#{hall}/windows/#{window}/call-next")
                                .header("Authorization", "Bearer #{clerkToken}")
                                .check(status().in(200, 204, 409).saveAs("callStatus"))
                                .checkIf((response, session) -> response.status().code() == 200)
                                .then(jsonPath("$.id").saveAs("calledId")))
                        .exec(session -> {
                            int status = session.contains("callStatus") ? session.getInt("callStatus") : -1;
                            switch (status) {
                                case 200 -> outcomes.called.increment();
                                case 204 -> outcomes.empty.increment();
                                case 409 -> outcomes.busy.increment();
                                default -> outcomes.other.increment();
                            }
                            if (status == 200 && session.contains("calledId")) {
                                return session.set("ticketId", session.getString("calledId")).remove("calledId");
                            }
                            return session.remove("calledId");
                        })
                        .doSwitchOrElse(session -> session.contains("callStatus") ? session.getInt("callStatus") : -1)
                        .on(onCase(200).then(serve),
                                onCase(409).then(doIfOrElse(session -> session.contains("ticketId"))
                                        .then(recover)
                                        .orElse(pause(config.idlePause))))
                        .orElse(pause(config.idlePause)));
    }

    private static Session afterFinish(Session session, CallOutcomes outcomes) {
        // forget the ticket once it is finished; a failed finish keeps it for the 409 path of the next call
        if (session.contains("finishStatus") && session.getInt("finishStatus") == 200) {
            outcomes.finished.increment();
            return session.remove("ticketId").remove("finishStatus");
        }
        return session.remove("finishStatus");
    }
}
