package io.siban.sla;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.common.Clocks;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Years without a notice: the law's holidays, marked PROVISIONAL, and every deadline through them says so. */
@QuarkusTest
class ProvisionalYearsTest {
    static final Map<String, Object> NEW_YEAR_PREVIEW = Map.of("start", "2026-12-31T10:00:00+08:00",
            "rule", "WORKING_DAYS_SAME_TIME", "workingDays", 1);

    @Inject
    Clocks clocks;

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    void at(String local) {
        io.siban.support.KpiScenario.at(clocks, local);
    }

    /** A copy of the shipped calendar under a new id, so a test may change it. */
    static String copyOfChina() {
        String id = CalendarResourceTest.id();
        Map<String, Object> document = anonymous().get("/api/v1/calendars/cn").then().statusCode(200).extract().path("calendar");
        as(adminToken()).body(document).put("/api/v1/calendars/" + id).then().statusCode(201);
        return id;
    }

    @Test
    void newYearsDay2027IsAHolidayAndTheDeadlineSaysItIsProvisional() {
        anonymous().body(NEW_YEAR_PREVIEW).post("/api/v1/calendars/cn/deadline").then().statusCode(200)
                .body("due", equalTo("2027-01-04T10:00:00+08:00"))
                .body("provisional", equalTo(true))
                .body("provisionalYears", contains(2027));
        anonymous().body(Map.of("start", "2026-12-29T10:00:00+08:00", "rule", "WORKING_DAYS_SAME_TIME", "workingDays", 1))
                .post("/api/v1/calendars/cn/deadline").then().statusCode(200)
                .body("due", equalTo("2026-12-30T10:00:00+08:00"))
                .body("provisional", equalTo(false))
                .body("provisionalYears", empty());
        anonymous().queryParam("from", "2026-12-28").queryParam("to", "2027-01-08").get("/api/v1/calendars/cn/working-days")
                .then().statusCode(200)
                .body("", contains("2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31",
                        "2027-01-04", "2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08"));
        anonymous().queryParam("from", "2027-02-01").queryParam("to", "2027-02-12").get("/api/v1/calendars/cn/working-days")
                .then().statusCode(200)
                .body("", contains("2027-02-01", "2027-02-02", "2027-02-03", "2027-02-04", "2027-02-11", "2027-02-12"));
    }

    @Test
    void theCalendarSaysWhichYearsAreOfficial() {
        at("2026-12-10T10:00:00");
        anonymous().get("/api/v1/calendars/cn").then().statusCode(200)
                .body("years", equalTo(Map.of("2025", "OFFICIAL", "2026", "OFFICIAL", "2027", "PROVISIONAL")))
                .body("confirmedThrough", equalTo("2026-12-31"))
                .body("calendar", not(org.hamcrest.Matchers.hasKey("officialYears")));
        anonymous().get("/api/v1/calendars").then().statusCode(200)
                .body("find { it.id == 'cn' }.years.'2027'", equalTo("PROVISIONAL"));
    }

    @Test
    void aCalendarOfWeeklyHoursOnlyHasNoProvisionalYears() {
        String id = CalendarResourceTest.id();
        at("2026-12-10T10:00:00");
        as(adminToken()).body(Map.of("timezone", "Asia/Shanghai", "weeklyHours", Map.of("MONDAY", CalendarResourceTest.HOURS,
                        "TUESDAY", CalendarResourceTest.HOURS, "WEDNESDAY", CalendarResourceTest.HOURS,
                        "THURSDAY", CalendarResourceTest.HOURS, "FRIDAY", CalendarResourceTest.HOURS)))
                .put("/api/v1/calendars/" + id).then().statusCode(201)
                .body("years", equalTo(Map.of("2026", "NONE", "2027", "NONE")))
                .body("confirmedThrough", equalTo(null));
        anonymous().body(NEW_YEAR_PREVIEW).post("/api/v1/calendars/" + id + "/deadline").then().statusCode(200)
                .body("due", equalTo("2027-01-01T10:00:00+08:00"))
                .body("provisional", equalTo(false));
    }

    @Test
    void officialYearsNamedByTheAdminAreKeptAndDecide() {
        String id = CalendarResourceTest.id();
        at("2026-12-10T10:00:00");
        Map<String, Object> document = new HashMap<>(CalendarResourceTest.calendar());
        document.put("holidays", List.of("2026-10-01", "2026-10-02", "2027-03-02"));
        document.put("officialYears", List.of(2026));
        as(adminToken()).body(document).put("/api/v1/calendars/" + id).then().statusCode(201)
                .body("calendar.officialYears", contains(2026))
                .body("years", equalTo(Map.of("2026", "OFFICIAL", "2027", "PROVISIONAL")));
        anonymous().queryParam("from", "2027-03-01").queryParam("to", "2027-03-03").get("/api/v1/calendars/" + id + "/working-days")
                .then().statusCode(200).body("", contains("2027-03-01", "2027-03-03"));
        anonymous().queryParam("from", "2027-04-02").queryParam("to", "2027-04-06").get("/api/v1/calendars/" + id + "/working-days")
                .then().statusCode(200).body("", contains("2027-04-02", "2027-04-06"));
        as(adminToken()).body(Map.of("holidays", List.of("2027-01-01"), "workdays", List.of(), "official", true))
                .put("/api/v1/calendars/" + id + "/years/2027").then().statusCode(200)
                .body("calendar.officialYears", contains(2026, 2027))
                .body("years.'2027'", equalTo("OFFICIAL"))
                .body("confirmedThrough", equalTo("2027-12-31"));
        anonymous().queryParam("from", "2027-04-02").queryParam("to", "2027-04-06").get("/api/v1/calendars/" + id + "/working-days")
                .then().statusCode(200).body("", contains("2027-04-02", "2027-04-05", "2027-04-06"));
        as(adminToken()).body(Map.of("holidays", List.of("2027-01-01"), "workdays", List.of(), "official", false))
                .put("/api/v1/calendars/" + id + "/years/2027").then().statusCode(200)
                .body("calendar.officialYears", contains(2026))
                .body("years.'2027'", equalTo("PROVISIONAL"));
        document.put("officialYears", List.of(1776));
        as(adminToken()).body(document).put("/api/v1/calendars/" + id).then().statusCode(400)
                .body("violations.field", hasItem("officialYears[1776]"));
    }
}
