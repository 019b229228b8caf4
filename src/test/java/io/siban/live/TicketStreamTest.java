package io.siban.live;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import io.siban.support.SseClient;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-ticket stream and the near-turn notice over real HTTP, PostgreSQL and Redis: ticket.near once
 * at the hall's N, the stream's first event, positions that change only when a place does, the resume
 * from Last-Event-ID, and the refusals before a stream starts.
 */
@QuarkusTest
class TicketStreamTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration QUIET = Duration.ofMillis(1200);

    @TestHTTPResource("/")
    URI base;
    @Inject
    TicketStreams streams;
    @Inject
    StreamGuard guard;
    @Inject
    LiveConfig config;

    record Ticket(String id, String number, String key) {
    }

    static String hall() {
        return Api.hall("ts-" + UUID.randomUUID().toString().substring(0, 8));
    }

    static Ticket issue(String hall) {
        ExtractableResponse<Response> issued = as(Api.kioskToken(hall)).body(Map.of("queueCode", "A", "channel", "KIOSK"))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).extract();
        return new Ticket(issued.path("id"), issued.path("number"), issued.path("accessKey"));
    }

    /** The hall's next {@code count} tickets of queue A, in line order. */
    static List<Ticket> line(String hall, int count) {
        List<Ticket> line = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            line.add(issue(hall));
        }
        return line;
    }

    static String clerk(String hall) {
        return Api.staffToken("clerk", hall);
    }

    static String call(String hall, int window) {
        return as(clerk(hall)).post("/api/v1/halls/" + hall + "/windows/" + window + "/call-next").then().statusCode(200)
                .extract().path("number");
    }

    URI events(Ticket ticket) {
        return base.resolve("/api/v1/tickets/" + ticket.id() + "/events?key=" + URLEncoder.encode(ticket.key(), StandardCharsets.UTF_8));
    }

    SseClient follow(Ticket ticket, String lastEventId) {
        return new SseClient(events(ticket), lastEventId);
    }

    SseClient from(String address, Ticket ticket) {
        return new SseClient(events(ticket), null, Map.of("X-Forwarded-For", address));
    }

    /** The ticket.near events of the hall in the outbox, by number: how often each was told, and with which ahead. */
    static Map<String, List<Integer>> toldNear(String hall) throws Exception {
        Map<String, List<Integer>> told = new LinkedHashMap<>();
        try (Connection db = LocalServicesResource.connect();
             var query = db.prepareStatement("select payload::text from event_outbox where hall_code = ? and type = 'ticket.near' order by id")) {
            query.setString(1, hall);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    JsonObject payload = new JsonObject(rows.getString(1));
                    assertThat(payload.getString("ticketId")).isNotNull();
                    told.computeIfAbsent(payload.getString("number"), n -> new ArrayList<>()).add(payload.getInteger("ahead"));
                }
            }
        }
        return told;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    static Map<String, List<Integer>> quietly(String hall) {
        try {
            return toldNear(hall);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void nearIsToldOnceAtTheHallsNAndNotAgainAfterReactivation() throws Exception {
        String hall = hall();
        as(Api.staffToken("clerk", hall)).body(Map.of("ahead", 2)).put("/api/v1/halls/" + hall + "/near-turn").then().statusCode(403);
        as(Api.staffToken("supervisor", hall)).body(Map.of("ahead", 0)).put("/api/v1/halls/" + hall + "/near-turn").then().statusCode(400)
                .contentType("application/problem+json");
        as(Api.staffToken("supervisor", hall())).body(Map.of("ahead", 2)).put("/api/v1/halls/" + hall + "/near-turn").then().statusCode(403);
        as(Api.staffToken("supervisor", hall)).body(Map.of("ahead", 1)).put("/api/v1/halls/" + hall + "/near-turn").then().statusCode(200);
        as(Api.staffToken("supervisor", hall)).get("/api/v1/halls/" + hall + "/near-turn").then().statusCode(200)
                .body("ahead", org.hamcrest.Matchers.equalTo(1));

        List<Ticket> line = line(hall, 5);
        // N = 1: the head and the one behind it
        await("A001 and A002 told", () -> quietly(hall).size() == 2);
        assertThat(toldNear(hall)).containsOnlyKeys("A001", "A002");
        assertThat(toldNear(hall).get("A001")).containsExactly(0);
        assertThat(toldNear(hall).get("A002")).containsExactly(1);

        // the head is called: A003 now has one ahead
        assertThat(call(hall, 1)).isEqualTo("A001");
        await("A003 told", () -> quietly(hall).containsKey("A003"));
        assertThat(toldNear(hall).get("A003")).containsExactly(1);

        // A002 called, not there, reactivated: back in line behind three (now past the near place), told no second time
        assertThat(call(hall, 2)).isEqualTo("A002");
        as(clerk(hall)).post("/api/v1/tickets/" + line.get(1).id() + "/no-show").then().statusCode(200);
        anonymous().header("X-Ticket-Key", line.get(1).key()).post("/api/v1/tickets/" + line.get(1).id() + "/reactivate")
                .then().statusCode(200);
        // told once, but back behind others it is not shown as near any more
        try (SseClient phone = follow(line.get(1), null)) {
            JsonObject back = new JsonObject(phone.next("ticket.position", WAIT).data());
            assertThat(back.getInteger("ahead")).isGreaterThan(1);
            assertThat(back.getBoolean("near")).as("near while %s ahead with N = 1", back.getInteger("ahead")).isFalse();
        }
        // a larger N now: the tickets within 3 not yet told are, A002 (back at place 2 or later) is not again
        as(Api.adminToken()).body(Map.of("ahead", 3)).put("/api/v1/halls/" + hall + "/near-turn").then().statusCode(200);
        as(clerk(hall)).delete("/api/v1/tickets/" + line.get(0).id()).then().statusCode(200);
        assertThat(call(hall, 1)).isEqualTo("A003");
        await("A004 and A005 told", () -> quietly(hall).containsKey("A004") && quietly(hall).containsKey("A005"));
        Thread.sleep(500);
        assertThat(toldNear(hall).values()).allSatisfy(times -> assertThat(times).hasSize(1));
        assertThat(toldNear(hall).get("A002")).hasSize(1);
    }

    @Test
    void aHeadBeingMarkedNearIsStillCalledFirst() throws Exception {
        String hall = hall();
        Ticket head = issue(hall);
        issue(hall);
        await("the head told", () -> quietly(hall).containsKey(head.number()));
        // a numbering that marks the head and has not committed yet: the mark must not lock the ticket row,
        // or call-next (which skips locked rows) would pass the head by
        try (Connection db = LocalServicesResource.connect()) {
            db.setAutoCommit(false);
            try (var unmark = db.prepareStatement("delete from ticket_near_told where ticket_id = ?::uuid");
                 var mark = db.prepareStatement("insert into ticket_near_told (ticket_id, told_at) values (?::uuid, now())")) {
                unmark.setString(1, head.id());
                unmark.executeUpdate();
                mark.setString(1, head.id());
                mark.executeUpdate();
                assertThat(call(hall, 1)).isEqualTo(head.number());
            } finally {
                db.rollback();
            }
        }
    }

    @Test
    void aLineMoveBetweenReadingTheStateAndJoiningTheQueueStillMovesThePlace() throws Exception {
        String hall = hall();
        List<Ticket> line = line(hall, 4);
        try (SseClient second = follow(line.get(1), null)) {
            assertThat(second.next("ticket.position", WAIT)).isNotNull();
            await("the hall's feed runs", () -> streams.followers() > 0);
            streams.pauseBeforeAttach(Duration.ofMillis(2000));
            try (SseClient fourth = follow(line.get(3), null)) {
                Thread.sleep(700);
                // numbered after the fourth's state was read, before it joined its queue's group
                assertThat(call(hall, 1)).isEqualTo(line.get(0).number());
                assertThat(new JsonObject(second.next("ticket.position", WAIT).data()).getInteger("position")).isEqualTo(1);
                SseClient.Event stale = fourth.next("ticket.position", WAIT);
                assertThat(stale).isNotNull();
                JsonObject first = new JsonObject(stale.data());
                if (first.getInteger("position") == 4) {
                    SseClient.Event moved = fourth.next("ticket.position", WAIT);
                    assertThat(moved).as("the place after the call").isNotNull();
                    assertThat(new JsonObject(moved.data()).getInteger("position")).isEqualTo(3);
                } else {
                    assertThat(first.getInteger("position")).as("the state was read after the call").isEqualTo(3);
                }
            }
        } finally {
            streams.pauseBeforeAttach(Duration.ZERO);
        }
    }

    @Test
    void theFirstEventIsTheCurrentStateAndPlacesChangeOnlyWhenTheyDo() throws Exception {
        String hall = hall();
        List<Ticket> line = line(hall, 6);
        List<SseClient> clients = new ArrayList<>();
        try {
            for (Ticket ticket : line.subList(0, 5)) {
                clients.add(follow(ticket, null));
            }
            for (int i = 0; i < clients.size(); i++) {
                SseClient.Event first = clients.get(i).next(null, WAIT);
                assertThat(first).as("first event of %s", line.get(i).number()).isNotNull();
                assertThat(first.type()).isEqualTo("ticket.position");
                assertThat(first.id()).isPositive();
                JsonObject state = new JsonObject(first.data());
                assertThat(state.getString("number")).isEqualTo(line.get(i).number());
                assertThat(state.getInteger("position")).isEqualTo(i + 1);
                assertThat(state.getInteger("ahead")).isEqualTo(i);
                assertThat(state.getJsonObject("estimatedWait").getString("p50")).isNotNull();
                assertThat(state.getBoolean("near")).isEqualTo(i <= 3);
                assertThat(first.data()).doesNotContain(line.get(i).id());
            }
            await("all followed", () -> streams.followers() >= 5);

            // the last ticket leaves: nobody's place changes, nobody is told anything
            long before = streams.recomputes();
            anonymous().header("X-Ticket-Key", line.get(5).key()).delete("/api/v1/tickets/" + line.get(5).id()).then().statusCode(200);
            await("the cancel reached the streams", () -> streams.recomputes() > before);
            for (SseClient client : clients) {
                assertThat(client.drain(QUIET)).as("events for an unchanged place").isEmpty();
            }

            // the head is called: it is told its window, everyone behind moves up one, with one statement per run
            long runs = streams.recomputes();
            assertThat(call(hall, 1)).isEqualTo("A001");
            SseClient.Event called = clients.get(0).next("ticket.called", WAIT);
            assertThat(called).isNotNull();
            assertThat(new JsonObject(called.data()).getInteger("window")).isEqualTo(1);
            assertThat(called.data()).doesNotContain(line.get(0).id());
            Map<String, SseClient.Event> ofLast = new java.util.HashMap<>();
            for (int i = 1; i < clients.size(); i++) {
                SseClient.Event moved = null;
                while (moved == null) {
                    SseClient.Event next = clients.get(i).next(null, WAIT);
                    assertThat(next).as("new place of %s", line.get(i).number()).isNotNull();
                    ofLast.put(next.type(), next);
                    moved = next.type().equals("ticket.position") ? next : null;
                }
                assertThat(new JsonObject(moved.data()).getInteger("position")).isEqualTo(i);
            }
            SseClient.Event near = ofLast.containsKey("ticket.near") ? ofLast.get("ticket.near") : clients.get(4).next("ticket.near", WAIT);
            assertThat(near).as("A005 is now three away").isNotNull();
            assertThat(new JsonObject(near.data()).getInteger("ahead")).isEqualTo(3);
            assertThat(new JsonObject(near.data()).getInteger("nearAhead")).isEqualTo(3);
            assertThat(streams.recomputes() - runs).as("statements for four followers of one queue").isBetween(1L, 3L);
        } finally {
            clients.forEach(SseClient::close);
        }
    }

    @Test
    void aClientResumingWithItsLastIdGetsWhatItMissedThenTheCurrentState() throws Exception {
        String hall = hall();
        issue(hall);
        Ticket mine = issue(hall);
        long seen;
        try (SseClient phone = follow(mine, null)) {
            SseClient.Event first = phone.next("ticket.position", WAIT);
            assertThat(new JsonObject(first.data()).getInteger("position")).isEqualTo(2);
            seen = first.id();
        }
        call(hall, 1);
        assertThat(call(hall, 2)).isEqualTo(mine.number());
        as(clerk(hall)).post("/api/v1/tickets/" + mine.id() + "/recall").then().statusCode(200);
        try (SseClient phone = follow(mine, Long.toString(seen))) {
            SseClient.Event called = phone.next(null, WAIT);
            assertThat(called.type()).isEqualTo("ticket.called");
            assertThat(new JsonObject(called.data()).getInteger("window")).isEqualTo(2);
            assertThat(called.id()).isGreaterThan(seen);
            // the recall may be numbered after the state was read: then it follows the state, live
            List<SseClient.Event> rest = new ArrayList<>();
            while (rest.stream().noneMatch(e -> e.type().equals("ticket.recalled")) || rest.stream().noneMatch(e -> e.type().equals("ticket.position"))) {
                SseClient.Event next = phone.next(null, WAIT);
                assertThat(next).as("after %s", rest).isNotNull();
                rest.add(next);
            }
            assertThat(rest).hasSize(2);
            assertThat(rest.get(1).id()).isGreaterThanOrEqualTo(rest.get(0).id());
            SseClient.Event now = rest.stream().filter(e -> e.type().equals("ticket.position")).findFirst().orElseThrow();
            assertThat(new JsonObject(now.data()).getString("status")).isEqualTo("CALLED");
            assertThat(new JsonObject(now.data()).getInteger("window")).isEqualTo(2);
            assertThat(now.id()).isGreaterThanOrEqualTo(called.id());

            // and live from there: the ticket is finished, the stream says so and ends
            as(clerk(hall)).post("/api/v1/tickets/" + mine.id() + "/start").then().statusCode(200);
            as(clerk(hall)).body(Map.of("outcome", "CONSULTATION")).post("/api/v1/tickets/" + mine.id() + "/finish").then().statusCode(200);
            SseClient.Event finished = phone.next("ticket.finished", WAIT);
            assertThat(finished).isNotNull();
            assertThat(finished.id()).isGreaterThan(now.id());
        }
        // an ended ticket's stream gives its final event at once
        try (SseClient late = follow(mine, null)) {
            SseClient.Event over = late.next(null, WAIT);
            assertThat(over.type()).isEqualTo("ticket.finished");
            assertThat(new JsonObject(over.data()).getString("status")).isEqualTo("DONE");
        }
    }

    @Test
    void aLastEventIdBeyondTheHallsEventsIsIgnoredAndATinyOneStillResumes() throws Exception {
        String hall = hall();
        issue(hall);
        Ticket mine = issue(hall);
        try (SseClient phone = follow(mine, "999999999999")) {
            SseClient.Event first = phone.next("ticket.position", WAIT);
            assertThat(first).isNotNull();
            assertThat(first.id()).as("a made-up id does not hold back the stream's ids").isLessThan(999_999_999_999L);
            await("followed", () -> streams.followers() > 0);
            call(hall, 1);
            SseClient.Event moved = phone.next("ticket.position", WAIT);
            assertThat(moved).isNotNull();
            assertThat(moved.id()).isGreaterThan(first.id()).isLessThan(999_999_999_999L);
            assertThat(new JsonObject(moved.data()).getInteger("position")).isEqualTo(1);
        }
        assertThat(call(hall, 2)).isEqualTo(mine.number());
        try (SseClient phone = follow(mine, "0")) {
            SseClient.Event called = phone.next("ticket.called", WAIT);
            assertThat(called).as("the missed call, from the latest events of the hall").isNotNull();
            assertThat(new JsonObject(called.data()).getInteger("window")).isEqualTo(2);
        }
    }

    @Test
    void refusalsComeBeforeTheStreamAsProblems() throws Exception {
        String hall = hall();
        Ticket ticket = issue(hall);
        Ticket other = issue(hall);
        String path = "/api/v1/tickets/" + ticket.id() + "/events";
        anonymous().accept("text/event-stream").queryParam("key", other.key()).get(path).then().statusCode(403)
                .contentType("application/problem+json");
        anonymous().accept("text/event-stream").header("X-Ticket-Key", "not-a-key").get(path).then().statusCode(403)
                .contentType("application/problem+json");
        anonymous().accept("text/event-stream").get(path).then().statusCode(401).contentType("application/problem+json");
        anonymous().accept("text/event-stream").queryParam("key", ticket.key())
                .get("/api/v1/tickets/" + UUID.randomUUID() + "/events").then().statusCode(404).contentType("application/problem+json");
        anonymous().accept("text/event-stream").queryParam("key", ticket.key())
                .get("/api/v1/tickets/not-a-ticket/events").then().statusCode(404).contentType("application/problem+json");
        for (String hostile : List.of("yesterday", "-1", "1e9", "99999999999999999999", "1; drop table ticket")) {
            anonymous().accept("text/event-stream").queryParam("key", ticket.key()).header("Last-Event-ID", hostile).get(path)
                    .then().statusCode(400).contentType("application/problem+json");
        }
        as(Api.staffToken("clerk", hall())).accept("text/event-stream").get(path).then().statusCode(403)
                .contentType("application/problem+json");
        as(Api.kioskToken(hall)).accept("text/event-stream").get(path).then().statusCode(403);
        try (SseClient staff = new SseClient(base.resolve(path), null, Map.of("Authorization", "Bearer " + Api.staffToken("supervisor", hall)))) {
            assertThat(staff.status(WAIT)).isEqualTo(200);
            assertThat(staff.next("ticket.position", WAIT)).isNotNull();
        }
    }

    @Test
    void ticketStreamsOverTheInstanceLimitAre429() throws Exception {
        String hall = hall();
        int limit = config.ticketStreamsPerInstance();
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i <= limit / config.ticketStreamsPerTicket(); i++) {
            tickets.add(issue(hall));
        }
        await("earlier streams released", () -> guard.openTicketStreams() == 0);
        List<SseClient> clients = new ArrayList<>();
        try {
            // from addresses of their own, so neither the per-address nor the per-ticket limit is reached first
            for (int i = 0; i < limit; i++) {
                clients.add(from("10.20.0." + (i + 1), tickets.get(i / config.ticketStreamsPerTicket())));
                assertThat(clients.get(i).status(WAIT)).isEqualTo(200);
            }
            try (SseClient over = from("10.20.1.1", tickets.get(tickets.size() - 1))) {
                assertThat(over.status(WAIT)).isEqualTo(429);
                assertThat(over.header("Retry-After", WAIT)).isPresent();
                assertThat(over.refusal(WAIT)).contains("\"status\":429").contains("instance");
            }
            // the hall streams keep their own count
            try (SseClient screen = new SseClient(base.resolve("/api/v1/halls/" + hall + "/stream"), null)) {
                assertThat(screen.status(WAIT)).isEqualTo(200);
            }
        } finally {
            clients.forEach(SseClient::close);
        }
        await("closed streams released", () -> guard.openTicketStreams() == 0);
        await("their followers gone", () -> streams.followers() == 0);
    }

    @Test
    void ticketStreamsHaveTheirOwnLimitPerAddressAndAFewPerTicket() throws Exception {
        String hall = hall();
        List<Ticket> tickets = line(hall, 6);
        await("earlier streams released", () -> guard.openTicketStreams() == 0);
        int perTicket = config.ticketStreamsPerTicket();
        int perClient = config.ticketStreamsPerClient();
        assertThat(perClient).isLessThan(config.streamsPerClient()).isLessThan(config.ticketStreamsPerInstance() - perTicket);
        List<SseClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < perTicket; i++) {
                clients.add(from("10.30.0." + (i + 1), tickets.get(0)));
                assertThat(clients.get(i).status(WAIT)).isEqualTo(200);
            }
            try (SseClient over = from("10.30.0.99", tickets.get(0))) {
                assertThat(over.status(WAIT)).isEqualTo(429);
                assertThat(over.refusal(WAIT)).contains("one ticket");
            }
            // one address (a hall's Wi-Fi) holds its ticket streams up to its own limit, two per ticket
            String nat = "10.30.1.1";
            for (int i = 0; i < perClient; i++) {
                SseClient phone = from(nat, tickets.get(1 + i / 2));
                clients.add(phone);
                assertThat(phone.status(WAIT)).as("phone %s", i).isEqualTo(200);
            }
            try (SseClient over = from(nat, tickets.get(5))) {
                assertThat(over.status(WAIT)).isEqualTo(429);
                assertThat(over.refusal(WAIT)).contains("one address");
            }
            // and the phones have not used up the hall screens' place
            try (SseClient screen = new SseClient(base.resolve("/api/v1/halls/" + hall + "/stream"), null, Map.of("X-Forwarded-For", nat))) {
                assertThat(screen.status(WAIT)).isEqualTo(200);
            }
        } finally {
            clients.forEach(SseClient::close);
        }
        await("closed streams released", () -> guard.openTicketStreams() == 0 && guard.openTicketStreamsFrom("10.30.1.1") == 0);
        try (SseClient again = from("10.30.0.99", tickets.get(0))) {
            assertThat(again.status(WAIT)).isEqualTo(200);
        }
    }
}
