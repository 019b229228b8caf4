package io.siban.webhook;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.siban.common.Clocks;
import io.siban.outbox.Outbox;
import io.siban.support.Api;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Webhooks end to end over real HTTP: events committed in the service reach test receivers signed, in
 * order, retried, dead-lettered and redelivered; a slow receiver holds only its own lane; unsafe URLs are
 * refused; events committed while the sender is down are sent once it is back.
 */
@QuarkusTest
class WebhookTest {
    @Inject
    Clocks clocks;
    @Inject
    WebhookSender sender;
    @Inject
    WebhookFanout fanout;
    @Inject
    Pool pool;
    @TestHTTPResource(value = "/", management = true)
    URL management;
    @TestHTTPResource("/")
    URL self;

    private final List<Receiver> receivers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        clocks.reset();
        sender.resume();
        receivers.forEach(Receiver::close);
        receivers.clear();
    }

    private Receiver receiver(java.util.function.IntUnaryOperator status) throws Exception {
        Receiver r = new Receiver(status);
        receivers.add(r);
        return r;
    }

    static String hall() {
        return Api.hall("wh-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Subscribes and answers the 201's body. */
    static JsonPath subscribe(String url, List<String> events, String hall) {
        return as(adminToken()).body(Map.of("url", url, "events", events, "hall", hall)).post("/api/v1/webhooks")
                .then().statusCode(201).body("url", equalTo(url)).body("hall", equalTo(hall)).extract().jsonPath();
    }

    static String issue(String hall) {
        return as(Api.kioskToken(hall)).body(Map.of("queueCode", "A", "channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets")
                .then().statusCode(201).extract().path("id");
    }

    static JsonPath log(String subscription) {
        return as(adminToken()).get("/api/v1/webhooks/" + subscription + "/deliveries?size=200").then().statusCode(200).extract().jsonPath();
    }

    /** Subscribes the receiver to ticket.issued, issues a ticket and waits until its delivery failed and its log row passes the check. */
    static String failedOnce(Receiver r, String hall, java.util.function.Consumer<JsonPath> head) {
        String sub = subscribe(r.url(), List.of("ticket.issued"), hall).getString("id");
        issue(hall);
        eventually(Duration.ofSeconds(10), () -> {
            JsonPath log = log(sub);
            assertThat(log.getString("items[0].status")).isEqualTo("FAILED");
            head.accept(log);
        });
        return sub;
    }

    /** Checks the assertion until it holds or the time is up (then its failure is the test's). */
    static void eventually(Duration within, Runnable assertion) {
        long end = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The signature as a receiver computes it, written here apart from the service's code. */
    static String expectedSignature(String secret, Receiver.Received r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((r.id() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> ticketIds(List<Receiver.Received> received) {
        return received.stream().map(r -> new JsonObject(r.body()).getJsonObject("data").getString("ticketId")).toList();
    }

    @Test
    void eventsArriveSignedAndInOrderAndOnlyWhereSubscribed() throws Exception {
        String hall = hall();
        Receiver r = receiver(n -> 200);
        Receiver calls = receiver(n -> 200);
        JsonPath sub = subscribe(r.url(), List.of("ticket.issued"), hall);
        String secret = sub.getString("secret");
        assertThat(secret).startsWith("whsec_");
        subscribe(calls.url(), List.of("ticket.called"), hall);
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            issued.add(issue(hall));
        }
        eventually(Duration.ofSeconds(10), () -> assertThat(r.delivered()).hasSize(6));
        assertThat(ticketIds(r.received)).containsExactlyElementsOf(issued);
        for (Receiver.Received got : r.received) {
            assertThat(got.signature()).isEqualTo(expectedSignature(secret, got));
            assertThat(got.contentType()).startsWith("application/json");
            assertThat(Math.abs(Long.parseLong(got.timestamp()) - System.currentTimeMillis() / 1000)).isLessThan(30);
            JsonObject body = new JsonObject(got.body());
            assertThat(body.fieldNames()).containsExactlyInAnyOrder("id", "type", "hall", "occurredAt", "data");
            assertThat(body.getString("id")).isEqualTo(got.id());
            assertThat(body.getString("type")).isEqualTo("ticket.issued");
            assertThat(body.getString("hall")).isEqualTo(hall);
            assertThat(body.getString("occurredAt")).isNotBlank();
            assertThat(body.getJsonObject("data").getString("status")).isEqualTo("WAITING");
        }
        assertThat(r.received.stream().map(Receiver.Received::id).distinct()).hasSize(6);
        assertThat(calls.received).isEmpty();
        JsonPath log = log(sub.getString("id"));
        assertThat(log.getList("items.status", String.class)).containsOnly("DELIVERED").hasSize(6);
        assertThat(log.getList("items.attempts", Integer.class)).containsOnly(1);
        assertThat(log.getList("items.webhookId", String.class)).containsExactlyInAnyOrderElementsOf(r.received.stream().map(Receiver.Received::id).toList());
        as(adminToken()).get("/api/v1/webhooks/" + sub.getString("id")).then().statusCode(200)
                .body("events", equalTo(List.of("ticket.issued"))).body("$", not(org.hamcrest.Matchers.hasKey("secret")));
        String listed = as(adminToken()).get("/api/v1/webhooks").then().statusCode(200).body("id", hasItem(sub.getString("id"))).extract().asString();
        assertThat(listed).doesNotContain(secret).doesNotContain("secret");
        String metrics = given().baseUri("http://" + management.getHost()).port(management.getPort()).get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("siban_webhook_deliveries_total{result=\"delivered\"}").contains("siban_webhook_pending");
    }

    @Test
    void aFailingReceiverGetsTheSameDeliveryAgainAndTheNextOnlyAfterIt() throws Exception {
        String hall = hall();
        Receiver r = receiver(n -> n <= 2 ? 500 : 200);
        String sub = subscribe(r.url(), List.of("ticket.issued"), hall).getString("id");
        String first = issue(hall);
        String second = issue(hall);
        eventually(Duration.ofSeconds(10), () -> assertThat(r.delivered()).hasSize(2));
        List<String> order = ticketIds(r.received);
        assertThat(order).containsExactly(first, first, first, second);
        assertThat(r.received.get(0).id()).isEqualTo(r.received.get(1).id()).isEqualTo(r.received.get(2).id());
        JsonPath log = log(sub);
        assertThat(log.getList("items.attempts", Integer.class)).containsExactly(1, 3);
        assertThat(log.getList("items.lastStatus", Integer.class)).containsOnly(200);
    }

    @Test
    void aReceiverThatNeverAcceptsReachesDeadAndIsRedeliveredByHand() throws Exception {
        String hall = hall();
        Receiver r = receiver(n -> 503);
        r.answerBody = "upstream unavailable " + "y".repeat(5000);
        String sub = failedOnce(r, hall, log -> {
            assertThat(log.getInt("items[0].lastStatus")).isEqualTo(503);
            assertThat(log.getString("items[0].lastError")).startsWith("HTTP 503: upstream unavailable");
            assertThat(log.getString("items[0].lastError").length()).isLessThanOrEqualTo(500);
            assertThat(log.getString("items[0].nextAttemptAt")).isNotNull();
        });
        clocks.use(Clock.offset(Clock.systemUTC(), Duration.ofHours(25)));
        eventually(Duration.ofSeconds(10), () -> assertThat(log(sub).getString("items[0].status")).isEqualTo("DEAD"));
        clocks.reset();
        int attempts = r.received.size();
        Thread.sleep(600);
        assertThat(r.received).as("a dead delivery is not tried again").hasSize(attempts);
        assertThat(log(sub).getString("items[0].nextAttemptAt")).isNull();
        assertThat(as(adminToken()).get("/api/v1/webhooks/" + sub + "/deliveries?status=dead").then().statusCode(200)
                .extract().jsonPath().getList("items")).hasSize(1);

        r.status = n -> 200;
        long delivery = log(sub).getLong("items[0].id");
        assertThat(log(sub).getInt("items[0].attempts")).isGreaterThan(1);
        sender.pause();
        as(adminToken()).post("/api/v1/webhooks/" + sub + "/deliveries/" + delivery + "/redeliver").then().statusCode(202);
        JsonPath again = log(sub);
        assertThat(again.getString("items[0].status")).isEqualTo("PENDING");
        assertThat(again.getInt("items[0].attempts")).as("a redelivery starts its backoff afresh").isZero();
        assertThat(again.getString("items[0].lastStatus")).isNull();
        assertThat(again.getString("items[0].lastError")).isNull();
        sender.resume();
        eventually(Duration.ofSeconds(10), () -> assertThat(r.delivered()).hasSize(1));
        assertThat(r.delivered().get(0).id()).isEqualTo(r.received.get(0).id());
        eventually(Duration.ofSeconds(5), () -> assertThat(log(sub).getString("items[0].status")).isEqualTo("DELIVERED"));
        // a delivered one may be sent again too, still under its webhook-id
        as(adminToken()).post("/api/v1/webhooks/" + sub + "/deliveries/" + delivery + "/redeliver").then().statusCode(202);
        eventually(Duration.ofSeconds(10), () -> assertThat(r.delivered()).hasSize(2));
        assertThat(r.delivered().get(1).id()).isEqualTo(r.received.get(0).id());
        as(adminToken()).post("/api/v1/webhooks/" + sub + "/deliveries/99999999/redeliver").then().statusCode(404);
        as(adminToken()).get("/api/v1/webhooks/" + sub + "/deliveries?status=LOST").then().statusCode(400).body("violations.field", hasItem("status"));
    }

    @Test
    void anAnswerWithANulByteIsRecordedCleanedAndRetriedOnItsSchedule() throws Exception {
        String hall = hall();
        Receiver r = receiver(n -> 500);
        r.answerBody = "bad\u0000body\u0007\r\nnext";
        String sub = failedOnce(r, hall, log -> {
            assertThat(log.getInt("items[0].attempts")).isGreaterThanOrEqualTo(1);
            assertThat(log.getInt("items[0].lastStatus")).isEqualTo(500);
            assertThat(log.getString("items[0].lastError")).isEqualTo("HTTP 500: badbody\nnext");
        });
        JsonPath log = log(sub);
        assertThat(r.received.size()).as("every attempt is in the log, none sent unrecorded").isLessThanOrEqualTo(log.getInt("items[0].attempts") + 1);
    }

    @Test
    void aLaneLeasedByAnotherInstanceIsNotTakenWhenThisInstancesClockIsAhead() throws Exception {
        String hall = hall();
        Receiver r = receiver(n -> 200);
        String sub = subscribe(r.url(), List.of("ticket.issued"), hall).getString("id");
        pool.preparedQuery("update webhook_lane set holder = 'another-instance', lease_until = now() + interval '20 seconds' where subscription_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(sub))).await().atMost(Duration.ofSeconds(5));
        issue(hall);
        eventually(Duration.ofSeconds(10), () -> assertThat(log(sub).getList("items")).hasSize(1));
        clocks.use(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));
        sender.wake();
        Thread.sleep(1000);
        assertThat(r.received).as("the other instance's lease holds in the database's time").isEmpty();
        clocks.reset();
        pool.preparedQuery("update webhook_lane set holder = null, lease_until = null where subscription_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(sub))).await().atMost(Duration.ofSeconds(5));
        sender.wake();
        eventually(Duration.ofSeconds(10), () -> assertThat(r.delivered()).hasSize(1));
    }

    @Test
    void aDeleteStopsTheRunInFlight() throws Exception {
        String hall = hall();
        Receiver r = receiver(n -> 200);
        r.delayMillis = 100;
        String sub = subscribe(r.url(), List.of("ticket.issued"), hall).getString("id");
        pool.withTransaction(conn -> {
            io.smallrye.mutiny.Uni<Void> chain = io.smallrye.mutiny.Uni.createFrom().voidItem();
            for (int i = 0; i < 40; i++) {
                JsonObject issued = new JsonObject().put("ticketId", UUID.randomUUID().toString()).put("number", "A" + i);
                chain = chain.chain(() -> Outbox.append(conn, hall, "ticket.issued", issued));
            }
            return chain;
        }).await().atMost(Duration.ofSeconds(10));
        eventually(Duration.ofSeconds(10), () -> assertThat(r.received).isNotEmpty());
        as(adminToken()).delete("/api/v1/webhooks/" + sub).then().statusCode(204);
        int atDelete = r.received.size();
        Thread.sleep(1500);
        assertThat(r.received.size() - atDelete).as("at most the call in progress when the delete was answered").isLessThanOrEqualTo(1);
    }

    @Test
    void aRedirectIsNotFollowedAndAUrlRefusedAtSendIsAFailedAttempt() throws Exception {
        String hall = hall();
        Receiver target = receiver(n -> 200);
        Receiver r = receiver(n -> 302);
        r.location = target.url();
        String sub = failedOnce(r, hall, log -> assertThat(log.getInt("items[0].lastStatus")).isEqualTo(302));
        assertThat(target.received).as("the redirect was not followed").isEmpty();

        Receiver moved = receiver(n -> 200);
        String other = subscribe(moved.url(), List.of("ticket.issued"), hall).getString("id");
        pool.preparedQuery("update webhook_subscription set url = 'http://169.254.169.254/latest/meta-data/' where id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(other))).await().atMost(Duration.ofSeconds(5));
        issue(hall);
        eventually(Duration.ofSeconds(10), () -> {
            JsonPath log = log(other);
            assertThat(log.getString("items[0].status")).isEqualTo("FAILED");
            assertThat(log.getString("items[0].lastError")).startsWith("refused:").contains("never called");
        });
        assertThat(moved.received).isEmpty();
        as(adminToken()).delete("/api/v1/webhooks/" + sub).then().statusCode(204);
        as(adminToken()).delete("/api/v1/webhooks/" + other).then().statusCode(204);
    }

    @Test
    void aListForOneHallShowsTheSubscriptionsForAllHalls() throws Exception {
        String hall = hall();
        String all = as(adminToken()).body(Map.of("url", "http://127.0.0.1:9/in", "events", List.of("rating.bad"))).post("/api/v1/webhooks")
                .then().statusCode(201).extract().path("id");
        String mine = subscribe("http://127.0.0.1:9/in", List.of("rating.bad"), hall).getString("id");
        String elsewhere = subscribe("http://127.0.0.1:9/in", List.of("rating.bad"), hall()).getString("id");
        List<String> listed = as(adminToken()).get("/api/v1/webhooks?hall=" + hall).then().statusCode(200).extract().jsonPath().getList("id");
        assertThat(listed).contains(all, mine).doesNotContain(elsewhere);
        for (String id : List.of(all, mine, elsewhere)) {
            as(adminToken()).delete("/api/v1/webhooks/" + id).then().statusCode(204);
        }
    }

    @Test
    void oldDeliveredAndDeadDeliveriesLeaveTheLog() throws Exception {
        String hall = hall();
        Receiver r = receiver(n -> 200);
        String sub = subscribe(r.url(), List.of("ticket.issued"), hall).getString("id");
        issue(hall);
        issue(hall);
        issue(hall);
        eventually(Duration.ofSeconds(10), () -> assertThat(log(sub).getList("items.status", String.class)).containsOnly("DELIVERED").hasSize(3));
        List<Long> ids = log(sub).getList("items.id", Long.class);
        pool.preparedQuery("update webhook_delivery set delivered_at = now() - interval '8 days' where id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(ids.get(2))).await().atMost(Duration.ofSeconds(5));
        pool.preparedQuery("update webhook_delivery set status = 'DEAD', delivered_at = null, last_attempt_at = now() - interval '31 days' where id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(ids.get(1))).await().atMost(Duration.ofSeconds(5));
        assertThat(fanout.prune().await().atMost(Duration.ofSeconds(10))).isGreaterThanOrEqualTo(2);
        JsonPath log = log(sub);
        assertThat(log.getList("items.id", Long.class)).containsExactly(ids.get(0));
        assertThat(log.getLong("total")).isEqualTo(1);
    }

    @Test
    void anEndlessAnswerIsCutAfterSixtyFourKibibytes() throws Exception {
        String hall = hall();
        Receiver r = receiver(n -> 500);
        r.answerBody = "z".repeat(32 * 1024 * 1024);
        failedOnce(r, hall, log -> {
            assertThat(log.getInt("items[0].lastStatus")).isEqualTo(500);
            assertThat(log.getString("items[0].lastError")).startsWith("HTTP 500: zzz").hasSizeLessThanOrEqualTo(500);
        });
        eventually(Duration.ofSeconds(10), () -> assertThat(r.answerCut).as("the sender stopped reading and closed").isTrue());
    }

    @Test
    void aSlowReceiverDoesNotDelayAHealthyOne() throws Exception {
        String hall = hall();
        Receiver slow = receiver(n -> 200);
        slow.delayMillis = 3000;
        Receiver healthy = receiver(n -> 200);
        subscribe(slow.url(), List.of("ticket.issued"), hall);
        subscribe(healthy.url(), List.of("ticket.issued"), hall);
        List<String> issued = new ArrayList<>();
        long started = System.currentTimeMillis();
        for (int i = 0; i < 5; i++) {
            issued.add(issue(hall));
        }
        eventually(Duration.ofSeconds(10), () -> assertThat(healthy.delivered()).hasSize(5));
        long lastArrival = healthy.received.get(4).arrivedAtMillis();
        assertThat(lastArrival - started).as("the healthy receiver had everything within 5 s, while the slow one's head alone times out"
                + " every second and is retried forever").isLessThan(5000);
        assertThat(ticketIds(healthy.received)).containsExactlyElementsOf(issued);
        assertThat(ticketIds(slow.received)).as("the slow one only ever saw its head").containsOnly(issued.get(0));
        slow.delayMillis = 0;
        eventually(Duration.ofSeconds(15), () -> assertThat(slow.received.stream().filter(r -> r.arrivedAtMillis() > 0)).hasSizeGreaterThanOrEqualTo(5));
        eventually(Duration.ofSeconds(15), () -> assertThat(ticketIds(slow.received).stream().distinct().toList()).containsExactlyElementsOf(issued));
    }

    @Test
    void unsafeUrlsUnknownEventsAndStrangersAreRefused() throws Exception {
        String hall = hall();
        int before = as(adminToken()).get("/api/v1/webhooks").then().statusCode(200).extract().jsonPath().getList("$").size();
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "ftp://10.0.0.5/in", "http://user:pw@127.0.0.1:9/in",
                "http://8.8.8.8/in", "http://[fe80::1]/in", "http://127.0.0.1:9/in#x", "http://0.0.0.0:9/", "not a url",
                "http://no-such-host.invalid/in", "http://127.0.0.1:99999/in", "http://127.0.0.1:" + self.getPort() + "/api/v1/webhooks",
                "http://localhost:" + management.getPort() + "/q/metrics", "http://[64:ff9b::a9fe:a9fe]/latest/", "http://100.100.100.200/")) {
            as(adminToken()).body(Map.of("url", url, "events", List.of("ticket.issued"), "hall", hall)).post("/api/v1/webhooks")
                    .then().statusCode(400).body("violations.field", hasItem("url"));
        }
        as(adminToken()).body(Map.of("url", "http://127.0.0.1:9/in", "events", List.of("ticket.issued", "ticket.teleported"), "hall", hall))
                .post("/api/v1/webhooks").then().statusCode(400).body("violations.field", hasItem("events[1]"));
        as(adminToken()).body(Map.of("url", "http://127.0.0.1:9/in", "events", List.of())).post("/api/v1/webhooks")
                .then().statusCode(400).body("violations.field", hasItem("events"));
        as(adminToken()).body(Map.of("url", "http://127.0.0.1:9/in", "events", List.of("*"), "hall", "no-such-hall")).post("/api/v1/webhooks")
                .then().statusCode(400).body("violations.field", hasItem("hall"));
        as(adminToken()).body("{\"url\": 5, \"events\": {\"a\": 1}}").post("/api/v1/webhooks").then().statusCode(400);
        as(Api.staffToken("supervisor", hall)).body(Map.of("url", "http://127.0.0.1:9/in", "events", List.of("*"), "hall", hall))
                .post("/api/v1/webhooks").then().statusCode(403);
        anonymous().get("/api/v1/webhooks").then().statusCode(401);
        as(Api.kioskToken(hall)).get("/api/v1/webhooks").then().statusCode(403);
        assertThat(as(adminToken()).get("/api/v1/webhooks").then().statusCode(200).extract().jsonPath().getList("$")).hasSize(before);
        as(adminToken()).get("/api/v1/webhooks/" + UUID.randomUUID()).then().statusCode(404);
        as(adminToken()).get("/api/v1/webhooks/" + UUID.randomUUID() + "/deliveries?size=0").then().statusCode(400).body("violations.field", hasItem("size"));
    }

    @Test
    void eventsCommittedWhileTheSenderIsDownAreSentWhenItIsBackAndADeletedSubscriptionGetsNothing() throws Exception {
        String hall = hall();
        Receiver r = receiver(n -> 200);
        Receiver gone = receiver(n -> 200);
        // the issues only: each of the first tickets of a line is also told ticket.near
        String sub = subscribe(r.url(), List.of("ticket.issued"), hall).getString("id");
        String deleted = subscribe(gone.url(), List.of("*"), hall).getString("id");
        as(adminToken()).delete("/api/v1/webhooks/" + deleted).then().statusCode(204);
        as(adminToken()).get("/api/v1/webhooks/" + deleted).then().statusCode(404);
        sender.pause();
        List<String> issued = List.of(issue(hall), issue(hall), issue(hall));
        eventually(Duration.ofSeconds(10), () -> assertThat(log(sub).getList("items.status", String.class)).containsOnly("PENDING").hasSize(3));
        Thread.sleep(500);
        assertThat(r.received).isEmpty();
        sender.resume();
        eventually(Duration.ofSeconds(10), () -> assertThat(r.delivered()).hasSize(3));
        assertThat(ticketIds(r.received)).containsExactlyElementsOf(issued);
        assertThat(gone.received).isEmpty();
    }

    @Test
    void caseRectificationAndAppointmentEventsAreMappedAsTheTableSays() throws Exception {
        String hall = hall();
        Receiver r = receiver(n -> 200);
        subscribe(r.url(), List.of("case.accepted", "case.transitioned", "ticket.near", "appointment.booked", "rectification.overdue"), hall);
        JsonObject accepted = new JsonObject().put("caseId", UUID.randomUUID().toString()).put("state", "ACCEPTED");
        JsonObject reviewed = new JsonObject().put("caseId", accepted.getString("caseId")).put("state", "IN_REVIEW");
        JsonObject near = new JsonObject().put("ticketId", UUID.randomUUID().toString()).put("number", "A007").put("ahead", 2).put("nearAhead", 3);
        JsonObject booked = new JsonObject().put("appointmentId", UUID.randomUUID().toString()).put("itemCode", "ID-01")
                .put("slotStart", "2026-12-02T09:00:00+08:00").put("channel", "MOBILE");
        JsonObject yellow = new JsonObject().put("rectificationId", UUID.randomUUID().toString()).put("card", "YELLOW");
        JsonObject red = yellow.copy().put("card", "RED");
        pool.withTransaction(conn -> Outbox.append(conn, hall, "case.moved", accepted)
                        .chain(() -> Outbox.append(conn, hall, "case.moved", reviewed))
                        .chain(() -> Outbox.append(conn, hall, "ticket.near", near))
                        .chain(() -> Outbox.append(conn, hall, "appointment.booked", booked))
                        .chain(() -> Outbox.append(conn, hall, "rectification.card", yellow))
                        .chain(() -> Outbox.append(conn, hall, "rectification.card", red)))
                .await().atMost(Duration.ofSeconds(10));
        eventually(Duration.ofSeconds(10), () -> assertThat(r.delivered()).hasSize(6));
        List<String> types = r.received.stream().map(got -> new JsonObject(got.body()).getString("type")).toList();
        assertThat(types).containsExactly("case.accepted", "case.transitioned", "case.transitioned", "ticket.near", "appointment.booked",
                "rectification.overdue");
        assertThat(new JsonObject(r.received.get(3).body()).getJsonObject("data")).isEqualTo(near);
        assertThat(new JsonObject(r.received.get(5).body()).getJsonObject("data")).isEqualTo(red);
        assertThat(r.received.stream().map(Receiver.Received::id).distinct()).hasSize(6);
    }
}
