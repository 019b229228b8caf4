package io.siban.cases.sla;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.common.Clocks;
import io.siban.support.Api;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.cases.CaseResourceTest.DOCUMENTS;
import static io.siban.cases.CaseResourceTest.create;
import static io.siban.cases.CaseResourceTest.item;
import static io.siban.cases.sla.ProvisionalCaseRetimeTest.PLAUSIBLE_2027;
import static io.siban.cases.sla.ProvisionalCaseRetimeTest.storedDue;
import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Regional calendars: Linxia's calendar is the national one plus its own 开斋节 and 古尔邦节. */
@QuarkusTest
class RegionalCalendarTest {
    /** 开斋节 (Friday 20 March 2026) and 古尔邦节 (Wednesday 27 May 2026), local holidays of 临夏回族自治州. */
    static final List<String> LINXIA_HOLIDAYS = List.of("2026-03-20", "2026-05-27");

    @Inject
    Clocks clocks;

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> extending(String parent, Map<String, Object> own) {
        Map<String, Object> document = new HashMap<>(own);
        document.put("name", "临夏回族自治州");
        document.put("parent", parent);
        return document;
    }

    static String linxia(String parent) {
        String id = id("linxia");
        as(Api.adminToken()).body(extending(parent, Map.of("holidays", LINXIA_HOLIDAYS))).put("/api/v1/calendars/" + id)
                .then().statusCode(201)
                .body("calendar.parent", equalTo(parent))
                .body("calendar.holidays", containsInAnyOrder(LINXIA_HOLIDAYS.toArray()))
                .body("calendar.timezone", nullValue());
        return id;
    }

    /** A calendar of its own with the national document, for tests that change the parent. */
    static String nationalCopy() {
        String id = id("nation");
        Map<String, Object> china = anonymous().get("/api/v1/calendars/cn").then().statusCode(200).extract().path("calendar");
        as(Api.adminToken()).body(china).put("/api/v1/calendars/" + id).then().statusCode(201);
        return id;
    }

    static String hallOn(String calendar) {
        String hall = "lx-" + UUID.randomUUID().toString().substring(0, 6);
        as(Api.adminToken()).body(Map.of("code", hall, "name", "临夏 hall", "calendarId", calendar)).post("/api/v1/halls")
                .then().statusCode(201);
        return hall;
    }

    /** The case's stored due once it is {@code expected}, or as it is after ten seconds (the re-timing runs after the commit). */
    static String awaitDue(String id, String expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        String due = storedDue(id);
        while (Instant.now().isBefore(deadline) && !expected.equals(due)) {
            Thread.sleep(100);
            due = storedDue(id);
        }
        return due;
    }

    @Test
    void workingDaysSkipTheNationalAndTheLocalHolidays() {
        String linxia = linxia("cn");
        anonymous().get("/api/v1/calendars/" + linxia).then().statusCode(200)
                .body("calendar.parent", equalTo("cn"))
                .body("years.'2025'", equalTo("OFFICIAL"))
                .body("years.'2026'", equalTo("OFFICIAL"));
        // 27 May is Linxia's, 19 June (端午) the nation's
        anonymous().queryParam("from", "2026-05-25").queryParam("to", "2026-06-22").get("/api/v1/calendars/" + linxia + "/working-days")
                .then().statusCode(200)
                .body("$", hasItems("2026-05-26", "2026-05-28", "2026-06-18", "2026-06-22"))
                .body("$", not(hasItem("2026-05-27")))
                .body("$", not(hasItem("2026-06-19")));
        anonymous().queryParam("from", "2026-03-19").queryParam("to", "2026-03-23").get("/api/v1/calendars/" + linxia + "/working-days")
                .then().statusCode(200).body("$", contains("2026-03-19", "2026-03-23"));
        anonymous().queryParam("from", "2026-03-19").queryParam("to", "2026-03-23").get("/api/v1/calendars/cn/working-days")
                .then().statusCode(200).body("$", contains("2026-03-19", "2026-03-20", "2026-03-23"));
    }

    @Test
    void theDeadlinePreviewSkipsBoth() {
        String linxia = linxia("cn");
        Map<String, Object> request = Map.of("start", "2026-05-26T10:00:00+08:00", "workingDays", 17, "rule", "WORKING_DAYS_SAME_TIME");
        anonymous().body(request).post("/api/v1/calendars/cn/deadline").then().statusCode(200)
                .body("due", equalTo("2026-06-18T10:00:00+08:00"));
        // one local day more, then 端午 and the weekend
        anonymous().body(request).post("/api/v1/calendars/" + linxia + "/deadline").then().statusCode(200)
                .body("due", equalTo("2026-06-22T10:00:00+08:00"))
                .body("provisional", equalTo(false));
    }

    @Test
    void aChildsWorkdayCancelsTheParentsHoliday() {
        String id = id("works");
        // 7 October 2026 is a national holiday (a Wednesday); this calendar's offices work it
        as(Api.adminToken()).body(extending("cn", Map.of("workdays", List.of("2026-10-07")))).put("/api/v1/calendars/" + id)
                .then().statusCode(201)
                .body("notes", org.hamcrest.Matchers.empty());
        anonymous().queryParam("from", "2026-10-05").queryParam("to", "2026-10-09").get("/api/v1/calendars/" + id + "/working-days")
                .then().statusCode(200).body("$", contains("2026-10-07", "2026-10-08", "2026-10-09"));
        anonymous().queryParam("from", "2026-10-05").queryParam("to", "2026-10-09").get("/api/v1/calendars/cn/working-days")
                .then().statusCode(200).body("$", contains("2026-10-08", "2026-10-09"));
    }

    @Test
    void theParentsNoticeReachesTheChildAndAChildTakesNoNoticeOfItsOwn() {
        List<List<String>> day = List.of(List.of("09:00", "12:00"), List.of("13:00", "17:00"));
        String nation = id("nation");
        as(Api.adminToken()).body(Map.of("timezone", "Asia/Shanghai", "holidays", List.of("2025-01-01"),
                        "weeklyHours", Map.of("MONDAY", day, "TUESDAY", day, "WEDNESDAY", day, "THURSDAY", day, "FRIDAY", day)))
                .put("/api/v1/calendars/" + nation).then().statusCode(201);
        String linxia = linxia(nation);
        anonymous().get("/api/v1/calendars/" + linxia).then().body("years.'2026'", equalTo("PROVISIONAL"));

        as(Api.adminToken()).contentType("text/plain; charset=UTF-8").body(io.siban.sla.calendar.notice.NoticeParserTest.notice("2026.txt"))
                .post("/api/v1/calendars/" + nation + "/years/2026/notice?apply=true").then().statusCode(200);
        anonymous().get("/api/v1/calendars/" + linxia).then().statusCode(200)
                .body("version", equalTo(1))
                .body("years.'2026'", equalTo("OFFICIAL"));
        // 国庆 from the notice, 古尔邦节 Linxia's own
        anonymous().queryParam("from", "2026-10-01").queryParam("to", "2026-10-09").get("/api/v1/calendars/" + linxia + "/working-days")
                .then().statusCode(200).body("$", contains("2026-10-08", "2026-10-09"));

        as(Api.adminToken()).contentType("text/plain; charset=UTF-8").body(io.siban.sla.calendar.notice.NoticeParserTest.notice("2026.txt"))
                .post("/api/v1/calendars/" + linxia + "/years/2026/notice?apply=true").then().statusCode(409)
                .body("detail", containsString(nation));
        anonymous().get("/api/v1/calendars/" + linxia).then().statusCode(200)
                .body("version", equalTo(1))
                .body("calendar.parent", equalTo(nation))
                .body("calendar.holidays", containsInAnyOrder(LINXIA_HOLIDAYS.toArray()));
    }

    @Test
    void aMissingParentACycleAndAnotherTimezoneAreRefusedAndNothingIsStored() {
        String missing = id("orphan");
        as(Api.adminToken()).body(extending("no-such-calendar", Map.of())).put("/api/v1/calendars/" + missing).then().statusCode(400)
                .body("violations.field", contains("parent"))
                .body("detail", containsString("no-such-calendar"));
        anonymous().get("/api/v1/calendars/" + missing).then().statusCode(404);

        String self = id("self");
        as(Api.adminToken()).body(extending(self, Map.of())).put("/api/v1/calendars/" + self).then().statusCode(400)
                .body("violations.field", contains("parent"));
        anonymous().get("/api/v1/calendars/" + self).then().statusCode(404);

        String nation = nationalCopy();
        String linxia = linxia(nation);
        Map<String, Object> nationDocument = anonymous().get("/api/v1/calendars/" + nation).then().extract().path("calendar");
        Map<String, Object> cycle = new HashMap<>(nationDocument);
        cycle.put("parent", linxia);
        as(Api.adminToken()).body(cycle).put("/api/v1/calendars/" + nation).then().statusCode(400)
                .body("violations.field", contains("parent"))
                .body("detail", containsString("cycle"));
        anonymous().get("/api/v1/calendars/" + nation).then().statusCode(200)
                .body("version", equalTo(0))
                .body("calendar.parent", nullValue());

        as(Api.adminToken()).body(extending("cn", Map.of("timezone", "Asia/Urumqi"))).put("/api/v1/calendars/" + missing)
                .then().statusCode(400).body("violations.field", contains("timezone"));
        anonymous().get("/api/v1/calendars/" + missing).then().statusCode(404);
    }

    @Test
    void aChangeOfTheParentRetimesTheOpenCasesOfTheChild() throws Exception {
        String nation = nationalCopy();
        String linxia = linxia(nation);
        // a county of Linxia: two levels under the changed calendar
        String county = id("county");
        as(Api.adminToken()).body(extending(linxia, Map.of("timezone", "Asia/Shanghai"))).put("/api/v1/calendars/" + county)
                .then().statusCode(201);
        String item = item("TIME_LIMITED", false, Map.of("statutoryLimit", Map.of("workingDays", 60),
                "committedLimit", Map.of("workingDays", 40)));
        String hall = hallOn(linxia);
        String countyHall = hallOn(county);
        clocks.use(Clock.fixed(OffsetDateTime.parse("2026-12-15T10:00:00+08:00").toInstant(), ZoneOffset.UTC));

        // 2027 is the law's on the parent, so on the child
        String id = create(hall, item, "WINDOW", DOCUMENTS, Api.adminToken()).statusCode(201)
                .body("sla.committedDue", equalTo("2027-02-16T09:00:00Z"))
                .body("sla.provisionalYears", contains(2027))
                .extract().path("id");
        String countyCase = create(countyHall, item, "WINDOW", DOCUMENTS, Api.adminToken()).statusCode(201)
                .body("sla.committedDue", equalTo("2027-02-16T09:00:00Z"))
                .extract().path("id");
        anonymous().get("/api/v1/calendars/" + linxia).then().statusCode(200)
                .body("version", equalTo(0)).body("years.'2027'", equalTo("PROVISIONAL"))
                .body("warnings.code", contains("next-year-not-official"));

        Map<String, Object> official = new java.util.HashMap<>(PLAUSIBLE_2027);
        official.put("official", true);
        as(Api.adminToken()).body(official).put("/api/v1/calendars/" + nation + "/years/2027").then().statusCode(200)
                .body("years.'2027'", equalTo("OFFICIAL"));
        anonymous().get("/api/v1/calendars/" + linxia).then().statusCode(200)
                .body("version", equalTo(1))
                .body("years.'2027'", equalTo("OFFICIAL"))
                .body("confirmedThrough", equalTo("2027-12-31"))
                .body("warnings", org.hamcrest.Matchers.empty())
                .body("calendar.holidays", containsInAnyOrder(LINXIA_HOLIDAYS.toArray()));
        anonymous().get("/api/v1/calendars/" + county).then().statusCode(200)
                .body("version", equalTo(1)).body("years.'2027'", equalTo("OFFICIAL"));
        assertThat(awaitDue(id, "2027-02-18T09:00:00Z")).as("the child's case after the parent's official year arrived")
                .isEqualTo("2027-02-18T09:00:00Z");
        assertThat(awaitDue(countyCase, "2027-02-18T09:00:00Z")).as("the grandchild's case").isEqualTo("2027-02-18T09:00:00Z");
        as(Api.adminToken()).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("sla.committedDue", equalTo("2027-02-18T09:00:00Z"))
                .body("sla.provisional", equalTo(false));
    }
}
