package io.siban.sla;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.Api;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class CalendarResourceTest {
    static final List<List<String>> HOURS = List.of(List.of("09:00", "12:00"), List.of("13:00", "17:00"));

    static String id() {
        return "cal-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> calendar() {
        return Map.of("timezone", "Asia/Shanghai",
                "weeklyHours", Map.of("MONDAY", HOURS, "TUESDAY", HOURS, "WEDNESDAY", HOURS, "THURSDAY", HOURS, "FRIDAY", HOURS),
                "holidays", List.of("2026-10-01", "2026-10-02"),
                "workdays", List.of("2026-10-10"),
                "dateHours", Map.of("2026-10-10", List.of(List.of("09:00", "12:00"))));
    }

    @Test
    void theShippedChinaCalendarIsTheDefault() {
        anonymous().get("/api/v1/calendars/cn").then().statusCode(200)
                .body("calendar.timezone", equalTo("Asia/Shanghai"))
                .body("calendar.holidays", hasItems("2026-02-16", "2026-10-01", "2025-01-28"))
                .body("calendar.workdays", hasItems("2026-02-14", "2026-02-28", "2026-10-10", "2025-09-28"))
                .body("calendar.weeklyHours.MONDAY[1][0]", equalTo("13:00"));
    }

    @Test
    void putCreatesThenReplaces() {
        String id = id();
        as(adminToken()).body(calendar()).put("/api/v1/calendars/" + id).then().statusCode(201)
                .body("id", equalTo(id)).body("version", equalTo(0))
                .body("calendar.dateHours.'2026-10-10'[0][1]", equalTo("12:00"));
        as(adminToken()).body(calendar()).put("/api/v1/calendars/" + id).then().statusCode(200).body("version", equalTo(1));
        anonymous().get("/api/v1/calendars").then().statusCode(200).body("id", hasItems("cn", id));
    }

    @Test
    void aYearCanBeLoadedWithoutTouchingOthers() {
        String id = id();
        as(adminToken()).body(calendar()).put("/api/v1/calendars/" + id).then().statusCode(201);
        as(adminToken()).body(Map.of("holidays", List.of("2027-01-01"), "workdays", List.of("2027-02-06")))
                .put("/api/v1/calendars/" + id + "/years/2027").then().statusCode(200)
                .body("version", equalTo(1))
                .body("calendar.holidays", hasItems("2026-10-01", "2027-01-01"))
                .body("calendar.workdays", hasItems("2026-10-10", "2027-02-06"));
        as(adminToken()).body(Map.of("holidays", List.of("2026-12-25"), "workdays", List.of()))
                .put("/api/v1/calendars/" + id + "/years/2026").then().statusCode(200)
                .body("calendar.holidays", hasItems("2026-12-25", "2027-01-01"))
                .body("calendar.holidays", not(hasItem("2026-10-01")));
        as(adminToken()).body(Map.of("holidays", List.of("2028-01-03"))).put("/api/v1/calendars/" + id + "/years/2027")
                .then().statusCode(400).body("detail", containsString("2028-01-03"));
        as(adminToken()).body(Map.of("holidays", List.of("2027-01-01"))).put("/api/v1/calendars/no-such/years/2027")
                .then().statusCode(404);
    }

    @Test
    void invalidCalendarsAreRefusedWithEveryReason() {
        Map<String, Object> bad = Map.of("timezone", "Mars/Olympus",
                "weeklyHours", Map.of("MONDAY", List.of(List.of("13:00", "17:00"), List.of("09:00", "12:00")),
                        "TUESDAY", List.of(List.of("09:00", "12:00"), List.of("11:00", "17:00")),
                        "WEDNESDAY", List.of(List.of("17:00", "09:00")),
                        "THURSDAY", List.of(List.of("09:00", "25:00"))),
                "holidays", List.of("2026-10-03"),
                "workdays", List.of("2026-10-03", "2026-10-05"));
        as(adminToken()).body(bad).put("/api/v1/calendars/" + id()).then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("timezone", "weeklyHours.THURSDAY[0]"));
        Map<String, Object> badRules = Map.of("timezone", "Asia/Shanghai",
                "weeklyHours", Map.of("MONDAY", List.of(List.of("13:00", "17:00"), List.of("09:00", "12:00")),
                        "TUESDAY", List.of(List.of("09:00", "12:00"), List.of("11:00", "17:00")),
                        "WEDNESDAY", List.of(List.of("17:00", "09:00"))),
                "holidays", List.of("2026-10-05"),
                "workdays", List.of("2026-10-05", "2026-10-06"));
        as(adminToken()).body(badRules).put("/api/v1/calendars/" + id()).then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("weeklyHours.MONDAY[1]", "weeklyHours.TUESDAY[1]", "weeklyHours.WEDNESDAY[0]"))
                .body("violations.message", hasItem(containsString("also listed as a make-up working day")))
                .body("violations.field", not(hasItem("workdays[2026-10-06]")));
        as(adminToken()).body(Map.of("timezone", "Asia/Shanghai", "weeklyHours", Map.of("FUNDAY", HOURS)))
                .put("/api/v1/calendars/" + id()).then().statusCode(400);
        as(adminToken()).body(Map.of("timezone", "Asia/Shanghai", "weeklyHours", Map.of("MONDAY", HOURS), "holidays", List.of("2026-02-30")))
                .put("/api/v1/calendars/" + id()).then().statusCode(400).body("violations[0].field", containsString("holidays"));
        as(adminToken()).body(calendar()).put("/api/v1/calendars/Bad_Id").then().statusCode(400).body("violations[0].field", equalTo("id"));
    }

    @Test
    void workingDaysAcrossNationalDay2026() {
        anonymous().queryParam("from", "2026-09-28").queryParam("to", "2026-10-12").get("/api/v1/calendars/cn/working-days")
                .then().statusCode(200)
                .body("", org.hamcrest.Matchers.contains("2026-09-28", "2026-09-29", "2026-09-30", "2026-10-08", "2026-10-09",
                        "2026-10-10", "2026-10-12"));
        anonymous().queryParam("from", "2026-10-12").queryParam("to", "2026-10-01").get("/api/v1/calendars/cn/working-days")
                .then().statusCode(400).body("violations[0].field", equalTo("to"));
        anonymous().queryParam("from", "yesterday").queryParam("to", "2026-10-01").get("/api/v1/calendars/cn/working-days")
                .then().statusCode(400).body("violations[0].field", equalTo("from"));
        anonymous().queryParam("from", "2026-10-01").queryParam("to", "2026-10-02").get("/api/v1/calendars/nope/working-days")
                .then().statusCode(404);
    }

    @Test
    void deadlinePreviewUsesTheCaseArithmetic() {
        anonymous().body(Map.of("start", "2026-09-30T10:00:00+08:00", "workingDays", 5, "rule", "END_OF_NTH_WORKING_DAY"))
                .post("/api/v1/calendars/cn/deadline").then().statusCode(200)
                .body("due", equalTo("2026-10-13T17:00:00+08:00"))
                .body("workingSecondsBudget", equalTo(41 * 3600))
                .body("pausedWorkingSeconds", equalTo(0));
        anonymous().body(Map.of("start", "2026-09-30T10:00:00+08:00", "workingDays", 5, "rule", "END_OF_NTH_WORKING_DAY",
                        "pauses", List.of(Map.of("from", "2026-10-12T09:00:00+08:00", "to", "2026-10-13T09:00:00+08:00"))))
                .post("/api/v1/calendars/cn/deadline").then().statusCode(200)
                .body("due", equalTo("2026-10-14T17:00:00+08:00"))
                .body("pausedWorkingSeconds", equalTo(7 * 3600));
        anonymous().body(Map.of("start", "2026-10-09T15:00:00+08:00", "workingDays", 1, "rule", "WORKING_DAYS_SAME_TIME"))
                .post("/api/v1/calendars/cn/deadline").then().statusCode(200)
                .body("due", equalTo("2026-10-10T15:00:00+08:00"));
        anonymous().body(Map.of("start", "2026-10-12T03:50:00Z", "duration", "PT30M", "rule", "WORKING_TIME"))
                .post("/api/v1/calendars/cn/deadline").then().statusCode(200)
                .body("due", equalTo("2026-10-12T13:20:00+08:00"))
                .body("workingSecondsBudget", equalTo(1800));
    }

    @Test
    void deadlineRequestsAreValidated() {
        anonymous().body(Map.of("start", "2026-09-30T10:00:00+08:00", "duration", "PT30M", "rule", "END_OF_NTH_WORKING_DAY"))
                .post("/api/v1/calendars/cn/deadline").then().statusCode(400)
                .body("violations.field", hasItems("duration", "workingDays"));
        anonymous().body(Map.of("start", "2026-09-30T10:00:00+08:00", "workingDays", 0, "rule", "WORKING_DAYS_SAME_TIME",
                        "pauses", List.of(Map.of("from", "2026-10-13T09:00:00+08:00", "to", "2026-10-12T09:00:00+08:00"))))
                .post("/api/v1/calendars/cn/deadline").then().statusCode(400)
                .body("violations.field", hasItems("workingDays", "pauses[0]"));
        anonymous().body(Map.of("start", "not a time", "workingDays", 1, "rule", "WORKING_DAYS_SAME_TIME"))
                .post("/api/v1/calendars/cn/deadline").then().statusCode(400).body("violations[0].field", equalTo("start"));
        anonymous().body(Map.of("workingDays", 1, "rule", "SOMEDAY")).post("/api/v1/calendars/cn/deadline").then().statusCode(400)
                .body("violations[0].field", equalTo("rule"));
        anonymous().body(Map.of("workingDays", 1)).post("/api/v1/calendars/cn/deadline").then().statusCode(400)
                .body("violations.field", hasItems("start", "rule"));
        anonymous().body(Map.of("start", "2026-09-30T10:00:00+08:00", "workingDays", 1, "rule", "WORKING_DAYS_SAME_TIME"))
                .post("/api/v1/calendars/nope/deadline").then().statusCode(404);
    }

    @Test
    void aChangedCalendarIsUsedAtOnce() {
        String id = id();
        as(adminToken()).body(calendar()).put("/api/v1/calendars/" + id).then().statusCode(201);
        Map<String, Object> request = Map.of("start", "2026-12-30T10:00:00+08:00", "workingDays", 1, "rule", "END_OF_NTH_WORKING_DAY");
        anonymous().body(request).post("/api/v1/calendars/" + id + "/deadline").then().body("due", equalTo("2026-12-31T17:00:00+08:00"));
        as(adminToken()).body(Map.of("holidays", List.of("2026-12-31"), "workdays", List.of()))
                .put("/api/v1/calendars/" + id + "/years/2026").then().statusCode(200);
        // 2027 has no notice on this calendar: 1 January is the law's holiday (provisional), the weekend follows
        anonymous().body(request).post("/api/v1/calendars/" + id + "/deadline").then().body("due", equalTo("2027-01-04T17:00:00+08:00"))
                .body("provisionalYears", org.hamcrest.Matchers.contains(2027));
    }

    @Test
    void onlyAdminsWriteCalendars() {
        anonymous().body(calendar()).put("/api/v1/calendars/" + id()).then().statusCode(401);
        as(Api.staffToken("supervisor", "*")).body(calendar()).put("/api/v1/calendars/" + id()).then().statusCode(403);
        anonymous().get("/api/v1/calendars/no-such-calendar").then().statusCode(404).contentType("application/problem+json");
    }
}
