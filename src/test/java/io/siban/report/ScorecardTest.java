package io.siban.report;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.common.Clocks;
import io.siban.support.Api;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The public scorecard: the month's figures of a hall, and nothing about anybody. */
@QuarkusTest
class ScorecardTest {
    @Inject
    Clocks clocks;

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    void at(String local) {
        clocks.use(Clock.fixed(OffsetDateTime.parse(local + "+08:00").toInstant(), ZoneOffset.UTC));
    }

    @Test
    void aMonthOfAHallInAggregatesOnly() throws InterruptedException {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String hall = Api.hall("sc-" + suffix);
        String department = "成绩单局-" + suffix;
        String item = "SC-" + suffix;
        as(adminToken()).body(Map.of("code", item, "name", "个体工商户登记", "department", department, "level", "CITY",
                "category", "SAME_DAY", "statutoryLimit", 3, "onlineCapable", true, "queueCode", "A",
                "requiredDocuments", List.of("身份证"))).post("/api/v1/items").then().statusCode(201);
        String clerk = Api.staffToken("clerk", hall);
        String reviewer = Api.staffToken("reviewer", hall);

        at("2026-10-12T09:00:00");
        for (int i = 0; i < 2; i++) {
            as(Api.kioskToken(hall)).body(Map.of("itemCode", item, "channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets")
                    .then().statusCode(201);
        }
        at("2026-10-12T09:05:00");
        as(clerk).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200);
        at("2026-10-12T09:20:00");
        as(clerk).post("/api/v1/halls/" + hall + "/windows/2/call-next").then().statusCode(200);

        at("2026-10-12T10:00:00");
        var created = as(clerk).body(Map.of("itemCode", item, "hall", hall, "channel", "WINDOW", "submittedDocuments", List.of("身份证"),
                "applicant", Map.of("name", "王小明", "idNumber", "620102199001011234", "phone", "13912345678")))
                .post("/api/v1/cases").then().statusCode(201).extract();
        String id = created.path("id");
        String caseNumber = created.path("caseNumber");
        as(reviewer).header("If-Match", "0").body(Map.of("action", "START_REVIEW")).post("/api/v1/cases/" + id + "/transitions")
                .then().statusCode(200);
        at("2026-10-12T10:20:00");
        as(reviewer).header("If-Match", "1").body(Map.of("action", "APPROVE")).post("/api/v1/cases/" + id + "/transitions")
                .then().statusCode(200);

        rollupsCaughtUp(hall);
        String body = anonymous().get("/api/v1/public/halls/" + hall + "/scorecard?month=2026-10").then().statusCode(200)
                .body("hall", equalTo(hall)).body("month", equalTo("2026-10"))
                .body("tickets.waitP50Seconds", equalTo(305)).body("tickets.servedWithin15MinShare", equalTo(0.5f))
                .body("departments.find { it.department == '" + department + "' }.items", equalTo(1))
                .body("departments.find { it.department == '" + department + "' }.casesClosed", equalTo(1))
                .body("departments.find { it.department == '" + department + "' }.onTimeRate", equalTo(1.0f))
                .extract().asString();
        assertThat(body).doesNotContain("王", "620102", "13912345678", caseNumber, id, "clerk", "reviewer");
        assertThat((Integer) anonymous().get("/api/v1/public/halls/" + hall + "/scorecard?month=2026-10").then().extract()
                .path("lists.SAME_DAY")).isPositive();
    }

    /** The scorecard is cached for a minute, so it is first asked once the rollups hold the scenario. */
    static void rollupsCaughtUp(String hall) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            var total = as(adminToken()).get("/api/v1/reports/kpis?hall=" + hall + "&from=2026-10-01&to=2026-10-31").then()
                    .statusCode(200).extract().jsonPath();
            if (total.getInt("total.tickets.called") == 2 && total.getInt("total.cases.closed") == 1) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the rollups of hall " + hall + " did not catch up");
    }

    @Test
    void badMonthsAndUnknownHallsAreRefusedClearly() {
        String hall = Api.hall("sc-" + UUID.randomUUID().toString().substring(0, 6));
        at("2026-10-12T09:00:00");
        anonymous().get("/api/v1/public/halls/" + hall + "/scorecard?month=2026-13").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("month"));
        anonymous().get("/api/v1/public/halls/" + hall + "/scorecard?month=2026-11").then().statusCode(400)
                .contentType("application/problem+json");
        anonymous().get("/api/v1/public/halls/" + hall + "/scorecard?month=<script>").then().statusCode(400)
                .contentType("application/problem+json");
        anonymous().get("/api/v1/public/halls/no-such-hall-" + UUID.randomUUID() + "/scorecard").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
