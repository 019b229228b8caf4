package io.siban.support;

import io.siban.common.Clocks;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.as;

/**
 * A hall's day with known KPIs, Monday 2026-10-12 (the clock is set for each step): two tickets of a
 * SAME_DAY item of {@code department} called after 5 and 20 minutes (wait P50 305 s and P90 1 205 s by
 * bucket midpoints, half called within 15 minutes), and one window case with a named applicant, accepted
 * at 10:00 and approved at 10:20 (closed on time).
 */
public final class KpiScenario {
    public record Day(String hall, String caseId, String caseNumber) {
    }

    private KpiScenario() {
    }

    public static Day day(Clocks clocks, String hallPrefix, String department) {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String hall = Api.hall(hallPrefix + suffix);
        String item = hallPrefix.toUpperCase() + suffix;
        as(adminToken()).body(Map.of("code", item, "name", "个体工商户登记", "department", department, "level", "CITY",
                "category", "SAME_DAY", "statutoryLimit", 3, "onlineCapable", true, "queueCode", "A",
                "requiredDocuments", List.of("身份证"))).post("/api/v1/items").then().statusCode(201);
        String clerk = Api.staffToken("clerk", hall);
        String reviewer = Api.staffToken("reviewer", hall);
        at(clocks, "2026-10-12T09:00:00");
        for (int i = 0; i < 2; i++) {
            as(Api.kioskToken(hall)).body(Map.of("itemCode", item, "channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets")
                    .then().statusCode(201);
        }
        at(clocks, "2026-10-12T09:05:00");
        as(clerk).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200);
        at(clocks, "2026-10-12T09:20:00");
        as(clerk).post("/api/v1/halls/" + hall + "/windows/2/call-next").then().statusCode(200);
        at(clocks, "2026-10-12T10:00:00");
        var created = as(clerk).body(Map.of("itemCode", item, "hall", hall, "channel", "WINDOW", "submittedDocuments", List.of("身份证"),
                "applicant", Map.of("name", "王小明", "idNumber", "620102199001011234", "phone", "13912345678")))
                .post("/api/v1/cases").then().statusCode(201).extract();
        String id = created.path("id");
        as(reviewer).header("If-Match", "0").body(Map.of("action", "START_REVIEW")).post("/api/v1/cases/" + id + "/transitions")
                .then().statusCode(200);
        at(clocks, "2026-10-12T10:20:00");
        as(reviewer).header("If-Match", "1").body(Map.of("action", "APPROVE")).post("/api/v1/cases/" + id + "/transitions")
                .then().statusCode(200);
        return new Day(hall, id, created.path("caseNumber"));
    }

    /** Sets the clock to a hall-local time (UTC+8). */
    public static void at(Clocks clocks, String local) {
        HallClock.at(clocks, local);
    }
}
