package io.siban.queue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import io.siban.support.SseClient;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** Only whoever holds a ticket acts on it; public screens carry numbers, never ids; kiosks do only what a kiosk does. */
@QuarkusTest
class TicketAccessTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @TestHTTPResource("/")
    URI base;
    @jakarta.inject.Inject
    io.siban.live.HallStreams streams;

    static String hall() {
        return Api.hall("k-" + UUID.randomUUID().toString().substring(0, 8));
    }

    static ExtractableResponse<Response> issue(String token, String hall, String priority) {
        return as(token).body(Map.of("queueCode", "A", "channel", "KIOSK", "priority", priority))
                .post("/api/v1/halls/" + hall + "/tickets").then().extract();
    }

    static String device(String hall, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "kiosk", "role", "kiosk", "hall", hall));
        body.putAll(extra);
        return as(adminToken()).body(body).post("/api/v1/devices").then().statusCode(201).extract().path("token");
    }

    @Test
    void aTicketSeenOnThePublicStreamCannotBeCancelledByAStranger() throws Exception {
        String hall = hall();
        ExtractableResponse<Response> issued;
        try (SseClient screen = new SseClient(base.resolve("/api/v1/halls/" + hall + "/stream"), null)) {
            assertThat(screen.status(WAIT)).isEqualTo(200);
            awaitListening(screen, hall);
            issued = issue(Api.kioskToken(hall), hall, "NORMAL");
            assertThat(issued.statusCode()).isEqualTo(201);
            SseClient.Event event = screen.next("ticket.issued", WAIT);
            assertThat(event.data()).contains("\"number\":\"" + issued.path("number") + "\"").doesNotContain("ticketId");
            assertThat(UUID_TEXT.matcher(event.data()).find()).as("an id on the public stream: %s", event.data()).isFalse();
        }
        String id = issued.path("id");
        String key = issued.path("accessKey");
        assertThat(key).hasSizeGreaterThanOrEqualTo(22);
        assertThat((String) issued.path("trackUrl")).isEqualTo("/t/" + id + "?key=" + key);
        anonymous().get("/api/v1/tickets/" + id).then().statusCode(200).body("$", not(hasKey("accessKey")));

        anonymous().delete("/api/v1/tickets/" + id).then().statusCode(401).contentType("application/problem+json");
        anonymous().post("/api/v1/tickets/" + id + "/reactivate").then().statusCode(401);
        anonymous().body(Map.of("score", 1)).post("/api/v1/tickets/" + id + "/rating").then().statusCode(401);
        anonymous().queryParam("key", keyOfAnother(hall)).delete("/api/v1/tickets/" + id).then().statusCode(403);
        anonymous().header("X-Ticket-Key", "not-a-key").delete("/api/v1/tickets/" + id).then().statusCode(403);
        as(Api.kioskToken(hall)).delete("/api/v1/tickets/" + id).then().statusCode(403);
        as(Api.staffToken("clerk", hall())).delete("/api/v1/tickets/" + id).then().statusCode(403);
        anonymous().get("/api/v1/tickets/" + id).then().body("status", equalTo("WAITING"));

        anonymous().queryParam("key", key).delete("/api/v1/tickets/" + id).then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertThat(cancelledBy(id)).isEqualTo("citizen");
    }

    @Test
    void staffOfTheTicketsHallMayActForTheCitizenWithTheirToken() {
        String hall = hall();
        String id = issue(Api.kioskToken(hall), hall, "NORMAL").path("id");
        String supervisor = Api.staffToken("supervisor", hall);
        as(supervisor).delete("/api/v1/tickets/" + id).then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertThat(cancelledBy(id)).startsWith("supervisor-");
    }

    @Test
    void theReplayAndTheBoardCarryNumbersQueuesAndWindowsButNoIds() throws Exception {
        String hall = hall();
        String kiosk = Api.kioskToken(hall);
        String number = issue(kiosk, hall, "NORMAL").path("number");
        issue(kiosk, hall, "NORMAL");
        as(Api.staffToken("clerk", hall)).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200);
        try (SseClient replay = new SseClient(base.resolve("/api/v1/halls/" + hall + "/stream"), "0")) {
            assertThat(replay.status(WAIT)).isEqualTo(200);
            SseClient.Event called = replay.next("ticket.called", WAIT);
            assertThat(called.data()).contains("\"number\":\"" + number + "\"").contains("\"window\":1");
            List<SseClient.Event> rest = replay.drain(Duration.ofMillis(500));
            for (SseClient.Event event : concat(called, rest)) {
                assertThat(UUID_TEXT.matcher(event.data()).find()).as("an id in %s %s", event.type(), event.data()).isFalse();
            }
        }
        String board = awaitBoardCalling(hall, number);
        assertThat(UUID_TEXT.matcher(board).find()).as("an id on the board: %s", board).isFalse();
    }

    @Test
    void caseCardsGoToTheStaffStreamOnly() throws Exception {
        String hall = hall();
        String supervisor = Api.staffToken("supervisor", hall);
        URI publicStream = base.resolve("/api/v1/halls/" + hall + "/stream");
        URI staffStream = base.resolve("/api/v1/halls/" + hall + "/stream/staff");
        try (SseClient screen = new SseClient(publicStream, null);
             SseClient desk = new SseClient(staffStream, null, Map.of("Authorization", "Bearer " + supervisor));
             SseClient stranger = new SseClient(staffStream, null);
             SseClient otherHall = new SseClient(staffStream, null, Map.of("Authorization", "Bearer " + Api.staffToken("supervisor", hall())))) {
            assertThat(screen.status(WAIT)).isEqualTo(200);
            assertThat(desk.status(WAIT)).isEqualTo(200);
            assertThat(stranger.status(WAIT)).isEqualTo(401);
            assertThat(otherHall.status(WAIT)).isEqualTo(403);
            awaitListening(screen, hall);
            String caseId = UUID.randomUUID().toString();
            try (Connection db = LocalServicesResource.connect(); var insert = db.prepareStatement(
                    "insert into event_outbox (hall_code, type, payload) values (?, 'sla.card', ?::jsonb)")) {
                insert.setString(1, hall);
                insert.setString(2, "{\"caseId\":\"" + caseId + "\",\"caseNumber\":\"LZ20261201ABCD\",\"card\":\"RED\",\"department\":\"市场监管局\"}");
                insert.executeUpdate();
            }
            String number = issue(Api.kioskToken(hall), hall, "NORMAL").path("number");
            SseClient.Event card = desk.next("sla.card", WAIT);
            assertThat(card.data()).contains(caseId).contains("LZ20261201ABCD").contains("市场监管局");
            SseClient.Event issuedOnDesk = desk.next("ticket.issued", WAIT);
            assertThat(issuedOnDesk.data()).contains("ticketId");
            SseClient.Event issuedOnScreen = screen.next("ticket.issued", WAIT);
            assertThat(issuedOnScreen.data()).contains(number);
            assertThat(issuedOnScreen.id()).isEqualTo(issuedOnDesk.id());
        }
        try (SseClient replay = new SseClient(publicStream, "0")) {
            assertThat(replay.drain(Duration.ofMillis(800))).extracting(SseClient.Event::type).doesNotContain("sla.card").contains("ticket.issued");
        }
    }

    @Test
    void onlyStaffOrADeviceCreatedForItGrantPriority() {
        String hall = hall();
        for (String priority : List.of("PRIORITY", "GREEN_CHANNEL")) {
            ExtractableResponse<Response> refused = issue(Api.kioskToken(hall), hall, priority);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat((String) refused.path("detail")).contains(priority);
        }
        assertThat(issue(Api.kioskToken(hall), hall, "NORMAL").statusCode()).isEqualTo(201);
        assertThat(issue(Api.staffToken("clerk", hall), hall, "PRIORITY").statusCode()).isEqualTo(201);
        String deskKiosk = device(hall, Map.of("mayGrantPriority", true));
        assertThat(issue(deskKiosk, hall, "GREEN_CHANNEL").statusCode()).isEqualTo(201);
        as(adminToken()).get("/api/v1/devices?hall=" + hall).then().statusCode(200)
                .body("findAll { it.mayGrantPriority }.size()", equalTo(1));
    }

    @Test
    void aDeviceIssuesAtMostItsTicketsAMinute() {
        String hall = hall();
        String limited = device(hall, Map.of("ticketsPerMinute", 3));
        for (int i = 0; i < 3; i++) {
            assertThat(issue(limited, hall, "NORMAL").statusCode()).isEqualTo(201);
        }
        as(limited).body(Map.of("queueCode", "A", "channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets").then()
                .statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("detail", containsString("3 tickets a minute"));
        assertThat(issue(Api.kioskToken(hall), hall, "NORMAL").statusCode()).as("another device is not held back").isEqualTo(201);
        assertThat(issue(Api.staffToken("clerk", hall), hall, "NORMAL").statusCode()).as("staff are not counted").isEqualTo(201);
        as(adminToken()).body(Map.of("name", "kiosk", "role", "kiosk", "hall", hall)).post("/api/v1/devices").then()
                .statusCode(201).body("ticketsPerMinute", equalTo(60)).body("mayGrantPriority", equalTo(false));
        as(adminToken()).body(Map.of("name", "kiosk", "role", "kiosk", "hall", hall, "ticketsPerMinute", 0)).post("/api/v1/devices")
                .then().statusCode(400);
    }

    @Test
    void aDeviceWhoseAllowanceIsLeasedInChunksStillGetsExactlyItsNumber() {
        String hall = hall();
        String limited = device(hall, Map.of("ticketsPerMinute", 20));
        int created = 0;
        for (int i = 0; i < 26; i++) {
            int status = issue(limited, hall, "NORMAL").statusCode();
            assertThat(status).isIn(201, 429);
            created += status == 201 ? 1 : 0;
        }
        assertThat(created).as("20 a minute, taken from Redis in leases of 2").isEqualTo(20);
    }

    @Test
    void parallelIssuesFromOneDeviceAreLimitedToItsNumber() throws Exception {
        String hall = hall();
        String limited = device(hall, Map.of("ticketsPerMinute", 5));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> issue(limited, hall, "NORMAL").statusCode()));
            }
            int created = 0;
            int limitedAnswers = 0;
            for (var answer : answers) {
                int status = answer.get();
                created += status == 201 ? 1 : 0;
                limitedAnswers += status == 429 ? 1 : 0;
            }
            assertThat(created).isEqualTo(5);
            assertThat(limitedAnswers).isEqualTo(15);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String keyOfAnother(String hall) {
        return issue(Api.kioskToken(hall), hall, "NORMAL").path("accessKey");
    }

    private static String cancelledBy(String id) {
        try (Connection db = LocalServicesResource.connect();
             var query = db.prepareStatement("select actor from ticket_step where ticket_id = ?::uuid and step = 'CANCELLED'")) {
            query.setString(1, id);
            var rows = query.executeQuery();
            return rows.next() ? rows.getString(1) : null;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the stream's subscription is registered, so the next event cannot be missed. */
    private void awaitListening(SseClient screen, String hall) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (streams.subscribers(hall) < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(streams.subscribers(hall)).as("subscribed").isPositive();
    }

    private static String awaitBoardCalling(String hall, String number) throws InterruptedException {
        String board = "";
        for (int i = 0; i < 50; i++) {
            board = anonymous().get("/api/v1/halls/" + hall + "/board").then().statusCode(200).extract().asString();
            if (board.contains("\"number\":\"" + number + "\"")) {
                return board;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the board never showed " + number + " calling: " + board);
    }

    private static List<SseClient.Event> concat(SseClient.Event first, List<SseClient.Event> rest) {
        List<SseClient.Event> all = new java.util.ArrayList<>(rest);
        all.add(0, first);
        return all;
    }
}
