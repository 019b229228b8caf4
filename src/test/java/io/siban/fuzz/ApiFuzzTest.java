package io.siban.fuzz;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.Api;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fuzz suite in the build: a seeded, bounded walk of the whole API (see {@link ApiFuzzer}).
 * -Dsiban.fuzz.seed and -Dsiban.fuzz.requests change the run; load-tests/bin/fuzz runs a longer one.
 */
@QuarkusTest
class ApiFuzzTest {
    static final String HALL = "fuzz-hall";
    static final String ITEM = "FUZZ-USED";

    @TestHTTPResource("/")
    URL base;

    @Test
    void noClientInputGetsA5xxOrAnUnstructuredError() throws Exception {
        ApiFuzzer.Result result = new ApiFuzzer(base.toURI(), fixture(), ApiFuzzer.Settings.fromSystemProperties()).run();
        assertTrue(result.failures().isEmpty(), () -> "the fuzz run found " + result.failures().size()
                + " distinct failures (" + result.failedRequests() + " requests); each with the first request that showed it:\n"
                + result.report());
    }

    /** A hall with queues, windows, an item in use by tickets and a case, a calendar of the run's own, and every role's token. */
    private static Fixture fixture() {
        String admin = adminToken();
        Api.hall(HALL);
        var item = as(admin).body(Map.of("code", ITEM, "name", "模糊测试事项", "department", "测试局", "level", "CITY",
                "category", "TIME_LIMITED", "statutoryLimit", Map.of("workingDays", 20), "committedLimit", Map.of("workingDays", 5),
                "queueCode", "A", "onlineCapable", false, "requiredDocuments", List.of("申请书"))).post("/api/v1/items");
        assertTrue(item.statusCode() == 201 || item.statusCode() == 409, () -> "item fixture: " + item.asString());
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("admin", admin);
        tokens.put("supervisor", Api.staffToken("supervisor", HALL));
        tokens.put("clerk", Api.staffToken("clerk", HALL));
        tokens.put("reviewer", Api.staffToken("reviewer", HALL));
        tokens.put("kiosk", Api.kioskToken(HALL));
        tokens.put("mobile", as(admin).body(Map.of("name", "fuzz app backend", "role", "mobile", "hall", HALL))
                .post("/api/v1/devices").then().statusCode(201).extract().path("token"));
        tokens.put("display", as(admin).body(Map.of("name", "fuzz screen", "role", "display", "hall", HALL))
                .post("/api/v1/devices").then().statusCode(201).extract().path("token"));
        List<String> tickets = new ArrayList<>();
        for (String queue : List.of("A", "B", "A")) {
            tickets.add(as(tokens.get("kiosk")).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("queueCode", queue, "channel", "KIOSK")).post("/api/v1/halls/" + HALL + "/tickets")
                    .then().statusCode(201).extract().path("id"));
        }
        tickets.add(as(tokens.get("kiosk")).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("itemCode", ITEM, "channel", "KIOSK")).post("/api/v1/halls/" + HALL + "/tickets")
                .then().statusCode(201).extract().path("id"));
        var created = as(tokens.get("clerk")).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("itemCode", ITEM, "hall", HALL, "channel", "WINDOW", "submittedDocuments", List.of("申请书"),
                        "applicant", Map.of("name", "张三丰", "idNumber", "620102199001011234")))
                .post("/api/v1/cases").then().statusCode(201).extract();
        Map<String, Object> everyDay = new LinkedHashMap<>();
        for (var day : java.time.DayOfWeek.values()) {
            everyDay.put(day.name(), List.of(List.of("08:00", "18:00")));
        }
        as(admin).body(Map.of("slotMinutes", 30, "capacity", 5, "weeklyHours", everyDay))
                .put("/api/v1/halls/" + HALL + "/slot-templates/" + ITEM).then().statusCode(200);
        String calendar = "fuzz-calendar";
        var put = as(admin).body(Map.of("name", "fuzz", "timezone", "Asia/Shanghai",
                        "weeklyHours", Map.of("MONDAY", List.of(List.of("09:00", "17:00")), "TUESDAY", List.of(List.of("09:00", "17:00"))),
                        "holidays", List.of("2026-10-01"), "workdays", List.of("2026-10-10")))
                .put("/api/v1/calendars/" + calendar);
        assertTrue(put.statusCode() == 200 || put.statusCode() == 201, () -> "calendar fixture: " + put.asString());
        return new Fixture(HALL, List.of("A", "B"), List.of(1, 2), ITEM, List.copyOf(tickets), created.path("id"),
                created.path("caseNumber"), created.path("verificationCode"), "cn", calendar, tokens);
    }
}
