package io.siban.queue;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.common.Clocks;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class TicketLifecycleTest {
    @Inject
    Clocks clocks;

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    static String hall() {
        return Api.hall("t-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Priority is granted by a clerk; a self-service kiosk takes the other classes. */
    static String issue(String hall, String queue, String priority) {
        String issuer = Priority.valueOf(priority).staffOnly() ? Api.staffToken("clerk", hall) : Api.kioskToken(hall);
        return Api.kept(as(issuer).body(Map.of("queueCode", queue, "channel", "KIOSK", "priority", priority))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).extract());
    }

    static io.restassured.response.ValidatableResponse callNext(String hall, int window) {
        return as(Api.staffToken("clerk", hall)).post("/api/v1/halls/" + hall + "/windows/" + window + "/call-next").then();
    }

    static void finish(String hall, String id) {
        String clerk = Api.staffToken("clerk", hall);
        as(clerk).post("/api/v1/tickets/" + id + "/start").then().statusCode(200);
        as(clerk).body(Map.of("outcome", "CONSULTATION")).post("/api/v1/tickets/" + id + "/finish").then().statusCode(200);
    }

    void at(Instant instant) {
        clocks.use(Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void issuingGivesPrefixedDailyNumbersPositionAndEstimate() {
        String hall = hall();
        as(Api.kioskToken(hall)).body(Map.of("queueCode", "A", "channel", "KIOSK"))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201)
                .header("Location", containsString("/api/v1/tickets/"))
                .body("number", equalTo("A001")).body("status", equalTo("WAITING")).body("priority", equalTo("NORMAL"))
                .body("position", equalTo(1)).body("estimatedWait.p50", notNullValue()).body("estimatedWait.p90", notNullValue())
                .body("hall", equalTo(hall)).body("queue", equalTo("A")).body("issuedAt", notNullValue());
        as(Api.kioskToken(hall)).body(Map.of("queueCode", "A", "channel", "KIOSK"))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201)
                .body("number", equalTo("A002")).body("position", equalTo(2));
        as(Api.kioskToken(hall)).body(Map.of("queueCode", "B", "channel", "KIOSK"))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).body("number", equalTo("B001"));
    }

    @Test
    void numbersRestartAtTheHallsLocalMidnight() {
        String hall = hall();
        at(Instant.parse("2026-12-01T15:59:00Z")); // 23:59 in Shanghai
        issue(hall, "A", "NORMAL");
        String second = issue(hall, "A", "NORMAL");
        anonymous().get("/api/v1/tickets/" + second).then().body("number", equalTo("A002"));
        at(Instant.parse("2026-12-01T16:00:30Z")); // 00:00:30 next day in Shanghai
        String nextDay = issue(hall, "A", "NORMAL");
        anonymous().get("/api/v1/tickets/" + nextDay).then().body("number", equalTo("A001"));
    }

    @Test
    void byItemUsesTheItemsQueue() {
        String hall = hall();
        String item = "Q-" + UUID.randomUUID().toString().substring(0, 6);
        as(adminToken()).body(Map.of("code", item, "name", "排队事项", "department", "测试局", "level", "CITY", "category", "IMMEDIATE",
                "statutoryLimit", 1, "onlineCapable", false, "queueCode", "B")).post("/api/v1/items").then().statusCode(201);
        as(Api.kioskToken(hall)).body(Map.of("itemCode", item, "channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets")
                .then().statusCode(201).body("queue", equalTo("B")).body("itemCode", equalTo(item));
        as(Api.kioskToken(hall)).body(Map.of("itemCode", "NO-SUCH-ITEM", "channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets")
                .then().statusCode(422).contentType("application/problem+json");
        as(Api.kioskToken(hall)).body(Map.of("queueCode", "Z", "channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets")
                .then().statusCode(422).body("detail", containsString("'Z'"));
    }

    @Test
    void idempotentRetriesReturnTheSameTicket() {
        String hall = hall();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("queueCode", "A", "channel", "KIOSK");
        String id = as(Api.kioskToken(hall)).header("Idempotency-Key", key).body(body).post("/api/v1/halls/" + hall + "/tickets")
                .then().statusCode(201).extract().path("id");
        as(Api.kioskToken(hall)).header("Idempotency-Key", key).body(body).post("/api/v1/halls/" + hall + "/tickets")
                .then().statusCode(200).body("id", equalTo(id)).body("number", equalTo("A001"));
        as(Api.kioskToken(hall)).header("Idempotency-Key", key).body(Map.of("queueCode", "B", "channel", "KIOSK"))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(422).contentType("application/problem+json");
        as(Api.kioskToken(hall)).body(body).post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).body("number", equalTo("A002"));
    }

    @Test
    void dailyQuotaAndOnePendingTicketPerIdNumber() {
        String hall = hall();
        String item = "QT-" + UUID.randomUUID().toString().substring(0, 6);
        as(adminToken()).body(Map.of("code", item, "name", "限号事项", "department", "测试局", "level", "CITY", "category", "IMMEDIATE",
                "statutoryLimit", 1, "onlineCapable", false, "queueCode", "A", "dailyQuota", 2)).post("/api/v1/items").then().statusCode(201);
        Map<String, Object> applicant = Map.of("name", "李四", "idNumber", "620102198001011111", "phone", "13900001111");
        as(Api.kioskToken(hall)).body(Map.of("itemCode", item, "channel", "KIOSK", "applicant", applicant))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201)
                .body("applicant.name", equalTo("李*")).body("applicant.idNumber", equalTo("620102********1111"))
                .body("applicant.phone", equalTo("139****1111"));
        as(Api.kioskToken(hall)).body(Map.of("itemCode", item, "channel", "KIOSK", "applicant", applicant))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(422).body("type", containsString("pending-ticket"));
        as(Api.kioskToken(hall)).body(Map.of("itemCode", item, "channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets")
                .then().statusCode(201);
        as(Api.kioskToken(hall)).body(Map.of("itemCode", item, "channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets")
                .then().statusCode(422).body("type", containsString("quota-reached"));
    }

    @Test
    void theIdNumberIsStoredProtected() throws Exception {
        String hall = hall();
        String id = as(Api.kioskToken(hall)).body(Map.of("queueCode", "A", "channel", "KIOSK",
                        "applicant", Map.of("name", "王五", "idNumber", "620102197001012222", "phone", "13700002222")))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).extract().path("id");
        try (Connection db = LocalServicesResource.connect();
             var statement = db.prepareStatement("select row_to_json(t)::text from ticket t where id = ?::uuid")) {
            statement.setString(1, id);
            ResultSet rows = statement.executeQuery();
            rows.next();
            assertThat(rows.getString(1)).doesNotContain("620102197001012222").doesNotContain("13700002222").doesNotContain("王五");
        }
    }

    @Test
    void priorityGoesFirstButNotForeverAndEachCallSaysWhy() {
        String hall = hall();
        Instant t0 = Instant.parse("2026-12-02T01:00:00Z");
        at(t0);
        String normal = issue(hall, "A", "NORMAL");
        at(t0.plus(Duration.ofMinutes(5)));
        String priority = issue(hall, "A", "PRIORITY");
        at(t0.plus(Duration.ofMinutes(6)));
        callNext(hall, 1).statusCode(200).body("id", equalTo(priority)).body("reason", equalTo("priority"));
        finish(hall, priority);
        callNext(hall, 1).statusCode(200).body("id", equalTo(normal)).body("reason", equalTo("fifo"));
        finish(hall, normal);

        at(t0.plus(Duration.ofMinutes(10)));
        String longWaiting = issue(hall, "A", "NORMAL");
        at(t0.plus(Duration.ofMinutes(35)));
        String newPriority = issue(hall, "A", "PRIORITY");
        callNext(hall, 1).statusCode(200).body("id", equalTo(longWaiting)).body("reason", equalTo("aged"))
                .body("reasonDetail", containsString("NORMAL"));
        finish(hall, longWaiting);
        callNext(hall, 1).statusCode(200).body("id", equalTo(newPriority)).body("reason", equalTo("fifo"));
        finish(hall, newPriority);
        callNext(hall, 1).statusCode(204);
    }

    @Test
    void aWindowCallsOnlyItsQueuesAndOnlyWhenOpenAndFree() {
        String hall = hall();
        String b = issue(hall, "B", "NORMAL");
        callNext(hall, 1).statusCode(204);
        callNext(hall, 2).statusCode(200).body("id", equalTo(b)).body("window", equalTo(2));
        issue(hall, "A", "NORMAL");
        callNext(hall, 2).statusCode(409).contentType("application/problem+json").body("detail", containsString("still has"));
        as(Api.staffToken("clerk", hall)).body(Map.of("status", "PAUSED")).patch("/api/v1/halls/" + hall + "/windows/1").then().statusCode(200);
        callNext(hall, 1).statusCode(409).body("detail", containsString("PAUSED"));
        callNext(hall, 99).statusCode(404);
    }

    @Test
    void aQuietWindowGetsNobodyButAPausedOrBusyOneWithEmptyQueuesIsStillRefused() {
        String hall = hall();
        callNext(hall, 1).statusCode(204);
        String a = issue(hall, "A", "NORMAL");
        callNext(hall, 1).statusCode(200).body("id", equalTo(a));
        callNext(hall, 1).statusCode(409).body("detail", containsString("still has"));
        finish(hall, a);
        callNext(hall, 1).statusCode(204);
        as(Api.staffToken("clerk", hall)).body(Map.of("status", "PAUSED")).patch("/api/v1/halls/" + hall + "/windows/1").then().statusCode(200);
        callNext(hall, 1).statusCode(409).body("detail", containsString("PAUSED"));
        String b = issue(hall, "A", "NORMAL");
        callNext(hall, 2).statusCode(200).body("id", equalTo(b));
    }

    @Test
    void illegalMovesAre409() {
        String hall = hall();
        String clerk = Api.staffToken("clerk", hall);
        String id = issue(hall, "A", "NORMAL");
        for (String action : List.of("recall", "no-show", "start")) {
            as(clerk).post("/api/v1/tickets/" + id + "/" + action).then().statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("WAITING"));
        }
        as(clerk).body(Map.of("outcome", "CONSULTATION")).post("/api/v1/tickets/" + id + "/finish").then().statusCode(409);
        Api.holder(id).post("/api/v1/tickets/" + id + "/reactivate").then().statusCode(409);
        Api.holder(id).body(Map.of("score", 5)).post("/api/v1/tickets/" + id + "/rating").then().statusCode(409);
        callNext(hall, 1).statusCode(200);
        as(clerk).body(Map.of("outcome", "CONSULTATION")).post("/api/v1/tickets/" + id + "/finish").then().statusCode(409);
        as(clerk).post("/api/v1/tickets/" + id + "/start").then().statusCode(200).body("status", equalTo("SERVING"));
        as(clerk).post("/api/v1/tickets/" + id + "/no-show").then().statusCode(409);
        as(clerk).post("/api/v1/tickets/" + id + "/recall").then().statusCode(409);
        as(clerk).body(Map.of("outcome", "COMPLETED_ON_SPOT")).post("/api/v1/tickets/" + id + "/finish").then().statusCode(200)
                .body("status", equalTo("DONE")).body("outcome", equalTo("COMPLETED_ON_SPOT"));
        Api.holder(id).delete("/api/v1/tickets/" + id).then().statusCode(409);
        as(clerk).body(Map.of("queueCode", "B")).post("/api/v1/tickets/" + id + "/transfer").then().statusCode(409);
        Api.holder(id).body(Map.of("score", 4)).post("/api/v1/tickets/" + id + "/rating").then().statusCode(200).body("rating", equalTo(4));
        Api.holder(id).body(Map.of("score", 1)).post("/api/v1/tickets/" + id + "/rating").then().statusCode(409);
        anonymous().get("/api/v1/tickets/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void recallNoShowAndReactivateWithinTheGracePeriod() {
        String hall = hall();
        Instant t0 = Instant.parse("2026-12-03T01:00:00Z");
        at(t0);
        String clerk = Api.staffToken("clerk", hall);
        String late = issue(hall, "A", "NORMAL");
        List<String> others = new java.util.ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            at(t0.plusSeconds(i));
            others.add(issue(hall, "A", "NORMAL"));
        }
        callNext(hall, 1).statusCode(200).body("id", equalTo(late));
        as(clerk).post("/api/v1/tickets/" + late + "/recall").then().statusCode(200).body("recalls", equalTo(1));
        as(clerk).post("/api/v1/tickets/" + late + "/recall").then().statusCode(200).body("recalls", equalTo(2));
        as(clerk).post("/api/v1/tickets/" + late + "/no-show").then().statusCode(200).body("status", equalTo("NO_SHOW"));
        at(t0.plus(Duration.ofMinutes(10)));
        Api.holder(late).post("/api/v1/tickets/" + late + "/reactivate").then().statusCode(200)
                .body("status", equalTo("WAITING")).body("position", equalTo(4));
        for (String other : others.subList(0, 3)) {
            callNext(hall, 1).statusCode(200).body("id", equalTo(other));
            finish(hall, other);
        }
        callNext(hall, 1).statusCode(200).body("id", equalTo(late));
        as(clerk).post("/api/v1/tickets/" + late + "/no-show").then().statusCode(200);
        at(t0.plus(Duration.ofMinutes(40)));
        Api.holder(late).post("/api/v1/tickets/" + late + "/reactivate").then().statusCode(409).body("detail", containsString("grace"));
    }

    @Test
    void transferKeepsTheArrivalTimeAndTargetsAWindow() {
        String hall = hall();
        Api.window(hall, 3, "B");
        Instant t0 = Instant.parse("2026-12-04T01:00:00Z");
        at(t0);
        String early = issue(hall, "A", "NORMAL");
        at(t0.plus(Duration.ofMinutes(5)));
        String laterB = issue(hall, "B", "NORMAL");
        String clerk = Api.staffToken("clerk", hall);
        callNext(hall, 1).statusCode(200).body("id", equalTo(early));
        as(clerk).body(Map.of("queueCode", "B")).post("/api/v1/tickets/" + early + "/transfer").then().statusCode(200)
                .body("status", equalTo("WAITING")).body("queue", equalTo("B")).body("position", equalTo(1));
        callNext(hall, 3).statusCode(200).body("id", equalTo(early));
        as(clerk).body(Map.of("windowNumber", 2)).post("/api/v1/tickets/" + early + "/transfer").then().statusCode(200)
                .body("targetWindow", equalTo(2));
        callNext(hall, 3).statusCode(200).body("id", equalTo(laterB));
        callNext(hall, 2).statusCode(200).body("id", equalTo(early)).body("reason", equalTo("transfer"));
        as(clerk).body(Map.of("queueCode", "Z")).post("/api/v1/tickets/" + early + "/transfer").then().statusCode(422);
        as(clerk).body(Map.of("windowNumber", 1, "queueCode", "B")).post("/api/v1/tickets/" + early + "/transfer").then().statusCode(422)
                .body("detail", containsString("does not serve"));
        as(clerk).body(Map.of()).post("/api/v1/tickets/" + early + "/transfer").then().statusCode(400);
    }

    @Test
    void finishRecordsTheOutcomeAndTheFullMissingList() {
        String hall = hall();
        String clerk = Api.staffToken("clerk", hall);
        String id = issue(hall, "A", "NORMAL");
        callNext(hall, 1).statusCode(200);
        as(clerk).post("/api/v1/tickets/" + id + "/start").then().statusCode(200);
        as(clerk).body(Map.of("outcome", "MISSING_DOCUMENTS")).post("/api/v1/tickets/" + id + "/finish").then().statusCode(400)
                .body("violations[0].field", equalTo("missingDocuments"));
        as(clerk).body(Map.of("outcome", "SOMETHING")).post("/api/v1/tickets/" + id + "/finish").then().statusCode(400);
        as(clerk).body(Map.of("outcome", "MISSING_DOCUMENTS", "missingDocuments", List.of("营业执照", "经营场所证明")))
                .post("/api/v1/tickets/" + id + "/finish").then().statusCode(200)
                .body("missingDocuments", contains("营业执照", "经营场所证明")).body("finishedAt", notNullValue());
        Api.holder(id).body(Map.of("score", 9)).post("/api/v1/tickets/" + id + "/rating").then().statusCode(400);
    }

    @Test
    void everyStepIsRecordedWithTimeAndActor() throws Exception {
        String hall = hall();
        String id = issue(hall, "A", "NORMAL");
        callNext(hall, 1).statusCode(200);
        finish(hall, id);
        try (Connection db = LocalServicesResource.connect();
             var statement = db.prepareStatement("select step, actor from ticket_history where ticket_id = ?::uuid order by id")) {
            statement.setString(1, id);
            ResultSet rows = statement.executeQuery();
            List<String> steps = new java.util.ArrayList<>();
            while (rows.next()) {
                steps.add(rows.getString(1) + "/" + rows.getString(2).replaceAll("-.*", ""));
            }
            assertThat(steps).containsExactly("ISSUED/kiosk", "CALLED/clerk", "STARTED/clerk", "FINISHED:CONSULTATION/clerk");
        }
    }

    @Test
    void anIssueStoredAsAStepByAnEarlierVersionIsListedOnce() throws Exception {
        String id = issue(hall(), "A", "NORMAL");
        try (Connection db = LocalServicesResource.connect()) {
            try (var insert = db.prepareStatement("""
                    insert into ticket_step (ticket_id, step, at, actor, detail)
                    select id, 'ISSUED', issued_at, 'kiosk', channel from ticket where id = ?::uuid""")) {
                insert.setString(1, id);
                insert.executeUpdate();
            }
            try (var history = db.prepareStatement("select step, id > 0 from ticket_history where ticket_id = ?::uuid order by id")) {
                history.setString(1, id);
                ResultSet rows = history.executeQuery();
                List<String> steps = new java.util.ArrayList<>();
                while (rows.next()) {
                    steps.add(rows.getString(1) + (rows.getBoolean(2) ? " (stored step)" : " (ticket row)"));
                }
                assertThat(steps).containsExactly("ISSUED (stored step)");
            }
        }
    }

    @Test
    void waitingCountsStayEqualToARecountAfterARandomMix() throws Exception {
        String hall = hall();
        String clerk = Api.staffToken("clerk", hall);
        java.util.Random random = new java.util.Random(42);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++) {
            int op = random.nextInt(7);
            if (op <= 2 || ids.isEmpty()) {
                ids.add(issue(hall, random.nextBoolean() ? "A" : "B", random.nextInt(4) == 0 ? "PRIORITY" : "NORMAL"));
                continue;
            }
            String id = ids.get(random.nextInt(ids.size()));
            int window = 1 + random.nextInt(2);
            switch (op) {
                case 3 -> {
                    var response = as(clerk).post("/api/v1/halls/" + hall + "/windows/" + window + "/call-next");
                    String called = response.statusCode() == 200 ? response.path("id") : null;
                    if (called != null && random.nextBoolean()) {
                        as(clerk).post("/api/v1/tickets/" + called + "/no-show");
                    } else if (called != null) {
                        finish(hall, called);
                    }
                }
                case 4 -> Api.holder(id).delete("/api/v1/tickets/" + id);
                case 5 -> as(clerk).body(Map.of("queueCode", random.nextBoolean() ? "A" : "B")).post("/api/v1/tickets/" + id + "/transfer");
                default -> Api.holder(id).post("/api/v1/tickets/" + id + "/reactivate");
            }
        }
        String recount = "select q.code, coalesce(w.waiting, 0), (select count(*) from ticket t where t.hall_code = q.hall_code "
                + "and t.queue_code = q.code and t.status = 'WAITING') from hall_queue q left join queue_waiting w "
                + "on w.hall_code = q.hall_code and w.queue_code = q.code where q.hall_code = ?";
        try (Connection db = LocalServicesResource.connect(); var statement = db.prepareStatement(recount)) {
            statement.setString(1, hall);
            ResultSet rows = statement.executeQuery();
            int queues = 0;
            while (rows.next()) {
                queues++;
                assertThat(rows.getInt(2)).as("waiting in queue " + rows.getString(1)).isEqualTo(rows.getInt(3));
            }
            assertThat(queues).isEqualTo(2);
        }
    }

    @Test
    void rolesAndHallsAreChecked() {
        String hall = hall();
        String other = hall();
        Map<String, Object> body = Map.of("queueCode", "A", "channel", "KIOSK");
        anonymous().body(body).post("/api/v1/halls/" + hall + "/tickets").then().statusCode(401);
        as(Api.kioskToken(other)).body(body).post("/api/v1/halls/" + hall + "/tickets").then().statusCode(403);
        as(Api.staffToken("reviewer", hall)).body(body).post("/api/v1/halls/" + hall + "/tickets").then().statusCode(403);
        as(Api.kioskToken(hall)).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(403);
        as(Api.staffToken("clerk", other)).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(403);
        String id = issue(hall, "A", "NORMAL");
        callNext(hall, 1).statusCode(200);
        as(Api.staffToken("clerk", other)).post("/api/v1/tickets/" + id + "/start").then().statusCode(403);
        anonymous().post("/api/v1/tickets/" + id + "/start").then().statusCode(401);
        as(adminToken()).post("/api/v1/tickets/" + id + "/start").then().statusCode(200);
        as(Api.kioskToken(hall)).body(Map.of("channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets").then().statusCode(400)
                .body("violations[0].field", equalTo("itemCode"));
        as(Api.kioskToken(hall)).body(Map.of("queueCode", "A", "channel", "FAX")).post("/api/v1/halls/" + hall + "/tickets").then()
                .statusCode(400).body("violations[0].field", equalTo("channel"));
        as(Api.kioskToken(hall)).body(Map.of("queueCode", "A", "channel", "APPOINTMENT")).post("/api/v1/halls/" + hall + "/tickets")
                .then().statusCode(400).body("violations[0].field", equalTo("appointmentCode"));
        // a made-up booking reference makes no APPOINTMENT ticket (appointment/AppointmentTest checks a real one in)
        as(Api.kioskToken(hall)).body(Map.of("queueCode", "A", "channel", "APPOINTMENT", "appointmentId", "BK-1"))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(422).body("type", endsWith("/appointment-unknown"));
    }
}
