package io.siban.sla;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.siban.sla.calendar.notice.NoticeParserTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static io.siban.support.Api.staffToken;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The notice import over HTTP: preview, apply, a second apply, bad notices; and calendars PUT as published. */
@QuarkusTest
class NoticeResourceTest {
    static final List<String> HOLIDAYS_2026 = List.of("2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18",
            "2026-02-19", "2026-02-20", "2026-02-23", "2026-04-06", "2026-05-01", "2026-05-04", "2026-05-05", "2026-06-19",
            "2026-09-25", "2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07");
    static final List<String> WORKDAYS_2026 = List.of("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10");

    static RequestSpecification admin(String text) {
        return as(adminToken()).contentType("text/plain; charset=UTF-8").body(text);
    }

    /** A fresh calendar with weekday hours and one 2026 date the notice does not name, so the import has work to do. */
    static String calendar() {
        String id = CalendarResourceTest.id();
        as(adminToken()).body(Map.of("timezone", "Asia/Shanghai",
                        "weeklyHours", Map.of("MONDAY", CalendarResourceTest.HOURS, "TUESDAY", CalendarResourceTest.HOURS,
                                "WEDNESDAY", CalendarResourceTest.HOURS, "THURSDAY", CalendarResourceTest.HOURS,
                                "FRIDAY", CalendarResourceTest.HOURS),
                        "holidays", List.of("2025-01-01", "2026-03-02")))
                .put("/api/v1/calendars/" + id).then().statusCode(201);
        return id;
    }

    static String notice(String name) {
        return NoticeParserTest.notice(name);
    }

    @Test
    void aPreviewShowsTheYearAndStoresNothing() {
        String id = calendar();
        admin(notice("2026.txt")).post("/api/v1/calendars/" + id + "/years/2026/notice").then().statusCode(200)
                .body("year", equalTo(2026))
                .body("holidays", equalTo(HOLIDAYS_2026))
                .body("workdays", equalTo(WORKDAYS_2026))
                .body("applied", equalTo(false)).body("version", nullValue())
                .body("changes.added.holidays", hasSize(HOLIDAYS_2026.size()))
                .body("changes.removed.holidays", contains("2026-03-02"))
                .body("changes.added.workdays", equalTo(WORKDAYS_2026))
                .body("notes.field", hasItems("holidays[2026-01-03]", "holidays[2026-02-15]", "holidays[2026-10-04]"))
                .body("notes.find { it.field == 'holidays[2026-01-03]' }.message", containsString("SATURDAY"))
                .body("notes.find { it.field == 'holidays[2026-01-03]' }.message", containsString("paragraph 一, 元旦"))
                .body("festivals[1].name", equalTo("春节")).body("festivals[1].daysOff", hasSize(9));
        anonymous().get("/api/v1/calendars/" + id).then().statusCode(200).body("version", equalTo(0))
                .body("calendar.holidays", containsInAnyOrder("2025-01-01", "2026-03-02"))
                .body("calendar.officialYears", nullValue());
    }

    @Test
    void applyMakesTheYearOfficialAndASecondApplyChangesNothing() {
        String id = calendar();
        admin(notice("2026.txt")).post("/api/v1/calendars/" + id + "/years/2026/notice?apply=true").then().statusCode(200)
                .body("applied", equalTo(true)).body("version", equalTo(1))
                .body("changes.removed.holidays", contains("2026-03-02"));
        anonymous().get("/api/v1/calendars/" + id).then().statusCode(200).body("version", equalTo(1))
                .body("calendar.holidays", hasItems(HOLIDAYS_2026.toArray(String[]::new)))
                .body("calendar.holidays", hasItem("2025-01-01")).body("calendar.holidays", not(hasItem("2026-03-02")))
                .body("calendar.workdays", containsInAnyOrder(WORKDAYS_2026.toArray(String[]::new)))
                .body("calendar.officialYears", containsInAnyOrder(2025, 2026));
        anonymous().get("/api/v1/calendars/" + id + "/working-days?from=2026-02-13&to=2026-02-24").then().statusCode(200)
                .body("", contains("2026-02-13", "2026-02-14", "2026-02-24"));
        admin(notice("2026-halfwidth.txt")).post("/api/v1/calendars/" + id + "/years/2026/notice?apply=true").then().statusCode(200)
                .body("applied", equalTo(true)).body("version", equalTo(1))
                .body("changes.added.holidays", empty()).body("changes.removed.holidays", empty())
                .body("changes.added.workdays", empty()).body("changes.removed.workdays", empty());
        anonymous().get("/api/v1/calendars/" + id).then().body("version", equalTo(1));
    }

    @Test
    void aBadNoticeIsA422NamingTheParagraphAndChangesNothing() {
        String id = calendar();
        admin(notice("broken-impossible-date.txt")).post("/api/v1/calendars/" + id + "/years/2026/notice?apply=true")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", containsString("/notice-unreadable"))
                .body("violations[0].field", equalTo("paragraph 二"))
                .body("violations[0].message", containsString("2月30日"));
        admin(notice("broken-unknown-paragraph.txt")).post("/api/v1/calendars/" + id + "/years/2026/notice?apply=true")
                .then().statusCode(422).body("violations[0].field", equalTo("paragraph 八"))
                .body("violations[0].message", containsString("八、元旦补充"));
        admin(notice("2026.txt")).post("/api/v1/calendars/" + id + "/years/2027/notice?apply=true")
                .then().statusCode(422).body("violations[0].field", equalTo("title"));
        anonymous().get("/api/v1/calendars/" + id).then().body("version", equalTo(0))
                .body("calendar.holidays", containsInAnyOrder("2025-01-01", "2026-03-02"));
    }

    @Test
    void badRequestsAreRefusedClearly() {
        String id = calendar();
        String path = "/api/v1/calendars/" + id + "/years/2026/notice";
        admin(notice("2026.txt") + "鼓".repeat(20_001)).post(path).then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("at most"));
        admin(notice("2026.txt")).post(path + "?apply=yes").then().statusCode(400).body("violations[0].field", equalTo("apply"));
        admin(notice("2026.txt")).post("/api/v1/calendars/" + id + "/years/20x6/notice").then().statusCode(400)
                .body("violations[0].field", equalTo("year"));
        admin("").post(path).then().statusCode(422).body("violations[0].field", equalTo("body"));
        admin(notice("2026.txt")).post("/api/v1/calendars/no-such-calendar/years/2026/notice").then().statusCode(404);
        as(staffToken("supervisor", "*")).contentType("text/plain; charset=UTF-8").body(notice("2026.txt"))
                .post(path).then().statusCode(403);
        anonymous().contentType("text/plain; charset=UTF-8").body(notice("2026.txt")).post(path).then().statusCode(401);
        anonymous().get("/api/v1/calendars/" + id).then().body("version", equalTo(0));
    }

    @Test
    void the2024ArrangementIsAcceptedAsPastedWithNotes() {
        String id = CalendarResourceTest.id();
        Map<String, Object> pasted = Map.of("timezone", "Asia/Shanghai",
                "weeklyHours", Map.of("MONDAY", CalendarResourceTest.HOURS, "TUESDAY", CalendarResourceTest.HOURS,
                        "WEDNESDAY", CalendarResourceTest.HOURS, "THURSDAY", CalendarResourceTest.HOURS,
                        "FRIDAY", CalendarResourceTest.HOURS, "SATURDAY", List.of(List.of("09:00", "12:00"))),
                "holidays", List.of("2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15",
                        "2024-02-16", "2024-02-17"),
                "workdays", List.of("2024-02-04", "2024-02-18", "2024-02-19"));
        as(adminToken()).body(pasted).put("/api/v1/calendars/" + id).then().statusCode(201)
                .body("calendar.holidays", hasSize(8))
                .body("calendar.workdays", hasSize(3))
                .body("notes.field", contains("holidays[2024-02-11]", "workdays[2024-02-19]"))
                .body("notes[0].message", containsString("SUNDAY"))
                .body("notes[1].message", containsString("a working day anyway"));
        anonymous().get("/api/v1/calendars/" + id + "/working-days?from=2024-02-08&to=2024-02-20").then().statusCode(200)
                .body("", contains("2024-02-08", "2024-02-09", "2024-02-18", "2024-02-19", "2024-02-20"));
        as(adminToken()).body(Map.of("holidays", List.of("2024-04-04", "2024-04-05", "2024-04-06"), "workdays", List.of("2024-04-07")))
                .put("/api/v1/calendars/" + id + "/years/2024").then().statusCode(200)
                .body("calendar.holidays", containsInAnyOrder("2024-04-04", "2024-04-05", "2024-04-06"))
                .body("notes", empty());
        as(adminToken()).body(Map.of("holidays", List.of("2024-04-04"), "workdays", List.of("2024-04-04")))
                .put("/api/v1/calendars/" + id + "/years/2024").then().statusCode(400)
                .body("violations.field", hasItem("holidays[2024-04-04]"));
        anonymous().get("/api/v1/calendars/" + id).then().body("version", equalTo(1));
    }
}
