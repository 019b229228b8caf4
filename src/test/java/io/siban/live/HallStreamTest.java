package io.siban.live;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import io.siban.support.RedisServer;
import io.siban.support.SseClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class HallStreamTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI base;
    @Inject
    HallStreams streams;

    static String hall() {
        return Api.hall("s-" + UUID.randomUUID().toString().substring(0, 8));
    }

    static String issue(String hall) {
        return as(Api.kioskToken(hall)).body(Map.of("queueCode", "A", "channel", "KIOSK"))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).extract().path("number");
    }

    URI stream(String hall) {
        return base.resolve("/api/v1/halls/" + hall + "/stream");
    }

    @Test
    void screensReceiveIssuesAndCallsWithIncreasingIds() throws Exception {
        String hall = hall();
        try (SseClient screen = new SseClient(stream(hall), null)) {
            assertThat(screen.status(WAIT)).isEqualTo(200);
            awaitSubscribers(hall, 1);
            String number = issue(hall);
            SseClient.Event issued = screen.next("ticket.issued", WAIT);
            assertThat(issued).isNotNull();
            assertThat(issued.data()).contains("\"number\":\"" + number + "\"");
            SseClient.Event counters = screen.next("queue.counters", WAIT);
            assertThat(counters.data()).contains("\"waiting\":1");
            assertThat(counters.id()).isGreaterThan(issued.id());

            as(Api.staffToken("clerk", hall)).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200);
            SseClient.Event called = screen.next("ticket.called", WAIT);
            assertThat(called.data()).contains("\"window\":1").contains(number);
            assertThat(called.id()).isGreaterThan(counters.id());
        }
    }

    /**
     * The id of the last event a first issue in a hall numbers: its counters and its near-turn notice (the
     * head is near), in either order within the batch.
     */
    static long afterIssue(SseClient screen) throws InterruptedException {
        long last = 0;
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!seen.containsAll(List.of("queue.counters", "ticket.near"))) {
            SseClient.Event e = screen.next(null, WAIT);
            assertThat(e).as("the issue's events, seen so far " + seen).isNotNull();
            seen.add(e.type());
            last = Math.max(last, e.id());
        }
        return last;
    }

    @Test
    void reconnectingWithLastEventIdReplaysTheGapInOrder() throws Exception {
        String hall = hall();
        long lastSeen;
        try (SseClient screen = new SseClient(stream(hall), null)) {
            awaitSubscribers(hall, 1);
            issue(hall);
            lastSeen = afterIssue(screen);
        }
        List<String> missed = List.of(issue(hall), issue(hall), issue(hall));
        try (SseClient screen = new SseClient(stream(hall), Long.toString(lastSeen))) {
            // three issues, their counters and their near-turn notices (each is within three of the head): the
            // publisher may fold the counters of issues it numbers in one pass into one event, so the gap holds 7 to
            // 9 events; each id comes once, in order, none skipped
            List<SseClient.Event> replayed = new java.util.ArrayList<>();
            while (replayed.stream().filter(e -> e.type().equals("ticket.issued")).count() < 3) {
                SseClient.Event e = screen.next(null, WAIT);
                assertThat(e).as("replayed event " + replayed.size()).isNotNull();
                replayed.add(e);
            }
            replayed.addAll(screen.drain(java.time.Duration.ofMillis(500)));
            List<Long> ids = replayed.stream().map(SseClient.Event::id).toList();
            assertThat(ids).hasSizeBetween(7, 9);
            for (int i = 0; i < ids.size(); i++) {
                assertThat(ids.get(i)).as("id %d of %s", i, ids).isEqualTo(lastSeen + 1 + i);
            }
            assertThat(replayed.stream().filter(e -> e.type().equals("ticket.issued")).map(SseClient.Event::data).toList())
                    .allSatisfy(data -> assertThat(missed.stream().anyMatch(data::contains)).isTrue());
            String live = issue(hall);
            assertThat(screen.next("ticket.issued", WAIT).data()).contains(live);
        }
    }

    @Test
    void anEventWhoseBusMessageWasLostIsFetchedBeforeTheNextOne() throws Exception {
        String hall = hall();
        try (SseClient screen = new SseClient(stream(hall), null)) {
            awaitSubscribers(hall, 1);
            issue(hall);
            long last = afterIssue(screen);
            // an event numbered and marked delivered whose Redis message never arrived (e.g. during a Redis restart)
            try (Connection db = LocalServicesResource.connect()) {
                db.setAutoCommit(false);
                try (var insert = db.prepareStatement("insert into event_outbox (hall_code, type, payload, seq) "
                        + "values (?, 'window.status', '{\"window\": 9, \"status\": \"PAUSED\"}'::jsonb, ?)");
                     var numbers = db.prepareStatement("update hall_event_seq set last_seq = ? where hall_code = ?");
                     // the publisher may not have recorded its delivery of the earlier events yet
                     var delivered = db.prepareStatement("insert into hall_event_published (hall_code, published_seq) values (?, ?) "
                             + "on conflict (hall_code) do update set published_seq = greatest(hall_event_published.published_seq, excluded.published_seq)")) {
                    insert.setString(1, hall);
                    insert.setLong(2, last + 1);
                    insert.executeUpdate();
                    numbers.setLong(1, last + 1);
                    numbers.setString(2, hall);
                    assertThat(numbers.executeUpdate()).isEqualTo(1);
                    delivered.setString(1, hall);
                    delivered.setLong(2, last + 1);
                    delivered.executeUpdate();
                }
                db.commit();
            }
            String next = issue(hall);
            SseClient.Event lost = screen.next(null, WAIT);
            assertThat(lost).as("the lost event, read from PostgreSQL").isNotNull();
            assertThat(lost.id()).isEqualTo(last + 1);
            assertThat(lost.type()).isEqualTo("window.status");
            SseClient.Event issued = screen.next(null, WAIT);
            assertThat(issued.id()).isEqualTo(last + 2);
            assertThat(issued.data()).contains(next);
        }
    }

    @Test
    void windowStatusChangesReachTheScreens() throws Exception {
        String hall = hall();
        try (SseClient screen = new SseClient(stream(hall), null)) {
            awaitSubscribers(hall, 1);
            as(Api.staffToken("clerk", hall)).body(Map.of("status", "PAUSED")).patch("/api/v1/halls/" + hall + "/windows/2")
                    .then().statusCode(200);
            SseClient.Event paused = screen.next("window.status", WAIT);
            assertThat(paused).isNotNull();
            assertThat(paused.data()).contains("\"window\":2").contains("\"status\":\"PAUSED\"");
        }
        Instant deadline = Instant.now().plus(WAIT);
        String status = null;
        while (!"PAUSED".equals(status) && Instant.now().isBefore(deadline)) {
            status = anonymous().get("/api/v1/halls/" + hall + "/board").then().extract().path("windows.find { it.number == 2 }.status");
            Thread.sleep(50);
        }
        assertThat(status).isEqualTo("PAUSED");
    }

    @Test
    void aClosedClientReleasesTheServer() throws Exception {
        String hall = hall();
        SseClient screen = new SseClient(stream(hall), null);
        awaitSubscribers(hall, 1);
        screen.close();
        Instant deadline = Instant.now().plus(WAIT);
        while (streams.subscribers(hall) > 0 && Instant.now().isBefore(deadline)) {
            issue(hall);
            Thread.sleep(100);
        }
        assertThat(streams.subscribers(hall)).isZero();
    }

    @Test
    void streamsOfUnknownHallsAndBadIdsAreRefused() {
        anonymous().accept("text/event-stream").get("/api/v1/halls/no-such-hall/stream").then().statusCode(404);
        anonymous().accept("text/event-stream").header("Last-Event-ID", "yesterday").get("/api/v1/halls/" + hall() + "/stream")
                .then().statusCode(400);
    }

    @Test
    void theBoardIsRebuiltFromPostgresAfterRedisIsFlushed() throws Exception {
        String hall = hall();
        issue(hall);
        issue(hall);
        as(Api.staffToken("clerk", hall)).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200);
        awaitBoard(hall, 1);
        RedisServer.flushAll();
        anonymous().get("/api/v1/halls/" + hall + "/board").then().statusCode(200)
                .body("queues.find { it.code == 'A' }.waiting", equalTo(1))
                .body("windows.find { it.number == 1 }.calling.number", equalTo("A001"))
                .body("today.issued", equalTo(2)).body("today.called", equalTo(1));
        Instant deadline = Instant.now().plus(WAIT);
        while (!RedisServer.exists("siban:live:built") && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(RedisServer.exists("siban:live:built")).as("live view rebuilt for every hall").isTrue();
        assertThat(RedisServer.exists("siban:live:{" + hall + "}")).isTrue();
    }

    @Test
    void everyCommittedChangeHasItsEventInTheOutbox() throws Exception {
        String hall = hall();
        issue(hall);
        as(Api.staffToken("clerk", hall)).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200);
        as(Api.kioskToken(hall)).body(Map.of("queueCode", "Z", "channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets")
                .then().statusCode(422);
        try (Connection db = LocalServicesResource.connect()) {
            // the numbering's own events (counters, near-turn notices) aside
            assertThat(outbox(db, hall, "type not in ('queue.counters', 'ticket.near')")).as("written in the transactions of the changes")
                    .containsExactly("ticket.issued", "ticket.called");
            Instant deadline = Instant.now().plus(WAIT);
            while (!outbox(db, hall, "seq is null").isEmpty() && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertThat(outbox(db, hall, "seq is null")).as("all numbered").isEmpty();
            List<String> counters = outbox(db, hall, "type = 'queue.counters'", "payload::text");
            assertThat(counters).as("the publisher follows line changes with the queue's count").isNotEmpty();
            assertThat(counters.get(counters.size() - 1)).contains("\"waiting\": 0").contains("\"queue\": \"A\"");
        }
    }

    private static List<String> outbox(Connection db, String hall, String where) throws java.sql.SQLException {
        return outbox(db, hall, where, "type");
    }

    private static List<String> outbox(Connection db, String hall, String where, String column) throws java.sql.SQLException {
        try (var statement = db.prepareStatement("select " + column + " from event_outbox where hall_code = ? and " + where
                + " order by coalesce(seq, 0), id")) {
            statement.setString(1, hall);
            ResultSet rows = statement.executeQuery();
            List<String> values = new java.util.ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private void awaitSubscribers(String hall, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (streams.subscribers(hall) < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(streams.subscribers(hall)).isEqualTo(count);
    }

    private static void awaitBoard(String hall, int called) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            Integer now = anonymous().get("/api/v1/halls/" + hall + "/board").then().extract().path("today.called");
            if (now != null && now == called) {
                return;
            }
            Thread.sleep(50);
        }
    }
}
