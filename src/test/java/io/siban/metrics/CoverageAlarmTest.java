package io.siban.metrics;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siban.common.Clocks;
import io.siban.support.Api;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** From 1 November (the hall's date), a calendar whose next year is not official raises the alarm everywhere it shows; readiness stays UP. */
@QuarkusTest
class CoverageAlarmTest {
    static final String CHECK = "checks.find { it.name == 'Calendar coverage' }";

    @TestHTTPResource(value = "/", management = true)
    URL management;
    @Inject
    Clocks clocks;
    @Inject
    HallMeters hallMeters;

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    void at(String local) {
        clocks.use(Clock.fixed(OffsetDateTime.parse(local + "+08:00").toInstant(), ZoneOffset.UTC));
    }

    io.restassured.response.ValidatableResponse health(String path) {
        return given().baseUri("http://" + management.getHost()).port(management.getPort()).get(path).then();
    }

    @Test
    void theAlarmShowsFromFirstNovemberAndReadinessStaysUp() {
        at("2026-10-31T23:50:00");
        anonymous().get("/api/v1/calendars/cn").then().statusCode(200).body("warnings", empty());
        health("/q/health").statusCode(200).body("status", equalTo("UP"))
                .body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.'calendar.cn'", nullValue());

        at("2026-11-01T00:10:00"); // 16:10 UTC on 31 October: the hall's date decides
        anonymous().get("/api/v1/calendars/cn").then().statusCode(200)
                .body("warnings[0].code", equalTo("next-year-not-official"))
                .body("warnings[0].year", equalTo(2027))
                .body("warnings[0].message", containsString("2027"));
        health("/q/health").statusCode(200).body("status", equalTo("UP"))
                .body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.'calendar.cn'", containsString("2027"));
        health("/q/health/ready").statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theGaugeCountsOfficialYearsOnlyAndTheAlarmEndsWithTheNextYear() {
        String calendar = "cov-" + UUID.randomUUID().toString().substring(0, 8);
        List<List<String>> hours = List.of(List.of("09:00", "12:00"), List.of("13:00", "17:00"));
        Map<String, Object> document = new HashMap<>(Map.of("timezone", "Asia/Shanghai",
                "weeklyHours", Map.of("MONDAY", hours, "TUESDAY", hours, "WEDNESDAY", hours, "THURSDAY", hours, "FRIDAY", hours),
                "holidays", List.of("2026-10-01", "2027-03-02"), "officialYears", List.of(2026)));
        as(Api.adminToken()).body(document).put("/api/v1/calendars/" + calendar).then().statusCode(201);
        at("2026-11-02T10:00:00");
        hallMeters.refresh().await().atMost(Duration.ofSeconds(10));
        assertThat(Scrape.of(management).value("siban_calendar_confirmed_days", "calendar", calendar))
                .as("a 2027 holiday without 2027 official: this year only").isEqualTo(60.0);
        anonymous().get("/api/v1/calendars/" + calendar).then().body("warnings[0].year", equalTo(2027));
        health("/q/health").body(CHECK + ".data.'calendar." + calendar + "'", containsString("2027"));

        as(Api.adminToken()).body(Map.of("holidays", List.of("2027-01-01"), "workdays", List.of(), "official", true))
                .put("/api/v1/calendars/" + calendar + "/years/2027").then().statusCode(200).body("warnings", empty());
        hallMeters.refresh().await().atMost(Duration.ofSeconds(10));
        assertThat(Scrape.of(management).value("siban_calendar_confirmed_days", "calendar", calendar))
                .as("through 31 December 2027").isEqualTo(60.0 + 365);
        health("/q/health").body(CHECK + ".data.'calendar." + calendar + "'", nullValue());
    }
}
