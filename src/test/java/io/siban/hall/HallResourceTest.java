package io.siban.hall;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.Api;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class HallResourceTest {

    static String code() {
        return "h-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void hallWithQueuesAndWindows() {
        String hall = code();
        as(adminToken()).body(Map.of("code", hall, "name", "城关区政务服务中心")).post("/api/v1/halls").then().statusCode(201)
                .header("Location", containsString(hall)).body("calendarId", equalTo("cn"));
        as(adminToken()).body(Map.of("code", "A", "prefix", "A", "name", "综合")).post("/api/v1/halls/" + hall + "/queues")
                .then().statusCode(201).body("prefix", equalTo("A"));
        as(adminToken()).body(Map.of("code", "B", "prefix", "B", "name", "社保")).post("/api/v1/halls/" + hall + "/queues")
                .then().statusCode(201);
        as(adminToken()).body(Map.of("number", 1, "name", "1号窗口", "queues", List.of("A", "B"))).post("/api/v1/halls/" + hall + "/windows")
                .then().statusCode(201).body("status", equalTo("CLOSED")).body("queues", contains("A", "B"));

        anonymous().get("/api/v1/halls/" + hall).then().statusCode(200)
                .body("name", equalTo("城关区政务服务中心"))
                .body("queues.code", contains("A", "B"))
                .body("windows[0].number", equalTo(1));
        anonymous().get("/api/v1/halls").then().statusCode(200).body("code", hasItem(hall));
    }

    @Test
    void hallValidationAndConflicts() {
        String hall = code();
        as(adminToken()).body(Map.of("code", hall, "name", "x")).post("/api/v1/halls").then().statusCode(201);
        as(adminToken()).body(Map.of("code", hall, "name", "x")).post("/api/v1/halls").then().statusCode(409)
                .contentType("application/problem+json");
        as(adminToken()).body(Map.of("code", "Bad Code", "name", "")).post("/api/v1/halls").then().statusCode(400)
                .body("violations.field", hasItem("code")).body("violations.field", hasItem("name"));
        as(adminToken()).body(Map.of("code", code(), "name", "x", "calendarId", "no-such-calendar")).post("/api/v1/halls")
                .then().statusCode(422).contentType("application/problem+json");
        anonymous().get("/api/v1/halls/no-such-hall").then().statusCode(404).contentType("application/problem+json");
        anonymous().body(Map.of("code", code(), "name", "x")).post("/api/v1/halls").then().statusCode(401);
        as(Api.staffToken("supervisor", "*")).body(Map.of("code", code(), "name", "x")).post("/api/v1/halls").then().statusCode(403);
    }

    @Test
    void queueCodesAndPrefixesAreUniquePerHall() {
        String hall = Api.hall(code());
        as(adminToken()).body(Map.of("code", "C", "prefix", "A", "name", "clash")).post("/api/v1/halls/" + hall + "/queues")
                .then().statusCode(409);
        as(adminToken()).body(Map.of("code", "C", "prefix", "a1", "name", "x")).post("/api/v1/halls/" + hall + "/queues")
                .then().statusCode(400).body("violations[0].field", equalTo("prefix"));
        as(adminToken()).body(Map.of("code", "C", "prefix", "C", "name", "x")).post("/api/v1/halls/no-such-hall/queues")
                .then().statusCode(404);
        as(Api.staffToken("clerk", hall)).body(Map.of("code", "C", "prefix", "C", "name", "x")).post("/api/v1/halls/" + hall + "/queues")
                .then().statusCode(403);
    }

    @Test
    void windowQueuesMustExistInTheHall() {
        String hall = Api.hall(code());
        as(adminToken()).body(Map.of("number", 9, "name", "x", "queues", List.of("A", "Z"))).post("/api/v1/halls/" + hall + "/windows")
                .then().statusCode(422).body("detail", containsString("Z"));
        as(adminToken()).body(Map.of("number", 1, "name", "dup", "queues", List.of("A"))).post("/api/v1/halls/" + hall + "/windows")
                .then().statusCode(409);
        as(adminToken()).body(Map.of("number", 0, "name", "x", "queues", List.of())).post("/api/v1/halls/" + hall + "/windows")
                .then().statusCode(400).body("violations[0].field", equalTo("number"));
        anonymous().get("/api/v1/halls/" + hall).then().body("windows.number", contains(1, 2));
    }

    @Test
    void clerksOfTheHallOpenAndPauseWindowsOnlyAdminsChangeQueues() {
        String hall = Api.hall(code());
        String clerk = Api.staffToken("clerk", hall);
        as(clerk).body(Map.of("status", "OPEN")).patch("/api/v1/halls/" + hall + "/windows/1").then().statusCode(200)
                .body("status", equalTo("OPEN"));
        as(clerk).body(Map.of("status", "PAUSED")).patch("/api/v1/halls/" + hall + "/windows/1").then().statusCode(200)
                .body("status", equalTo("PAUSED"));
        as(clerk).body(Map.of("queues", List.of("A", "B"))).patch("/api/v1/halls/" + hall + "/windows/1").then().statusCode(403);
        as(adminToken()).body(Map.of("queues", List.of("B"))).patch("/api/v1/halls/" + hall + "/windows/1").then().statusCode(200)
                .body("queues", contains("B")).body("status", equalTo("PAUSED"));
        as(adminToken()).body(Map.of("queues", List.of("Q"))).patch("/api/v1/halls/" + hall + "/windows/1").then().statusCode(422);
        as(clerk).body(Map.of("status", "SLEEPING")).patch("/api/v1/halls/" + hall + "/windows/1").then().statusCode(400)
                .body("violations[0].field", equalTo("status"));
        as(clerk).body(Map.of("status", "OPEN")).patch("/api/v1/halls/" + hall + "/windows/177").then().statusCode(403);
        as(Api.staffToken("supervisor", hall)).body(Map.of("status", "OPEN")).patch("/api/v1/halls/" + hall + "/windows/177").then().statusCode(404);

        String otherHall = Api.hall(code());
        as(Api.staffToken("clerk", otherHall)).body(Map.of("status", "OPEN")).patch("/api/v1/halls/" + hall + "/windows/1")
                .then().statusCode(403).body("detail", containsString(hall));
        as(Api.staffToken("reviewer", hall)).body(Map.of("status", "OPEN")).patch("/api/v1/halls/" + hall + "/windows/1")
                .then().statusCode(403);
        anonymous().body(Map.of("status", "OPEN")).patch("/api/v1/halls/" + hall + "/windows/1").then().statusCode(401);
    }
}
