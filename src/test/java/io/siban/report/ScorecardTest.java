package io.siban.report;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.common.Clocks;
import io.siban.support.Api;
import io.siban.support.KpiScenario;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
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
        KpiScenario.at(clocks, local);
    }

    @Test
    void aMonthOfAHallInAggregatesOnly() throws InterruptedException {
        String department = "成绩单局-" + UUID.randomUUID().toString().substring(0, 6);
        KpiScenario.Day day = KpiScenario.day(clocks, "sc-", department);
        String hall = day.hall();
        String id = day.caseId();
        String caseNumber = day.caseNumber();

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
