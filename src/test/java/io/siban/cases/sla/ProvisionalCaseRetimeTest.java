package io.siban.cases.sla;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.cases.CaseResourceTest;
import io.siban.common.Clocks;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.cases.CaseResourceTest.DOCUMENTS;
import static io.siban.cases.CaseResourceTest.create;
import static io.siban.cases.CaseResourceTest.item;
import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/** A case accepted in December 2026 runs into 2027 on provisional holidays; the official 2027 re-times it and the flag goes. */
@QuarkusTest
class ProvisionalCaseRetimeTest {
    /** A plausible 2027 arrangement, for this test only: no 2027 notice exists yet, and none may be shipped as official. */
    static final Map<String, Object> PLAUSIBLE_2027 = Map.of(
            "holidays", List.of("2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-02-12",
                    "2027-04-05", "2027-05-03", "2027-05-04", "2027-05-05", "2027-06-09", "2027-09-15",
                    "2027-10-01", "2027-10-04", "2027-10-05", "2027-10-06", "2027-10-07"),
            "workdays", List.of("2027-02-20", "2027-04-25", "2027-09-26", "2027-10-09"));

    @Inject
    Clocks clocks;
    @Inject
    CalendarRetimer retimer;

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    @Test
    void theOfficialYearRetimesTheOpenCaseAndItIsNoLongerProvisional() throws Exception {
        String calendar = copyOfChina("prov");
        String hall = hallOn(calendar);
        String item = fortyWorkingDays();
        clocks.use(Clock.fixed(OffsetDateTime.parse("2026-12-15T10:00:00+08:00").toInstant(), ZoneOffset.UTC));

        // 12 working days left in 2026, then 2027 with 1 January, 除夕 5 February, 初三 8 February and 补假 9–10 February off
        String id = create(hall, item, "WINDOW", DOCUMENTS, Api.adminToken()).statusCode(201)
                .body("sla.committedDue", equalTo("2027-02-16T09:00:00Z"))
                .body("sla.provisional", equalTo(true))
                .body("sla.provisionalYears", contains(2027))
                .extract().path("id");
        assertThat(storedDue(id)).isEqualTo("2027-02-16T09:00:00Z");

        // a year's dates put without saying it is official leave it provisional
        Map<String, Object> official = new java.util.HashMap<>(PLAUSIBLE_2027);
        as(Api.adminToken()).body(official).put("/api/v1/calendars/" + calendar + "/years/2027").then().statusCode(200)
                .body("years.'2027'", equalTo("PROVISIONAL"));
        official.put("official", true);
        as(Api.adminToken()).body(official).put("/api/v1/calendars/" + calendar + "/years/2027").then().statusCode(200)
                .body("years.'2027'", equalTo("OFFICIAL"));
        // the plausible notice keeps 11–12 February off as well
        Instant deadline = Instant.now().plusSeconds(10);
        String due = storedDue(id);
        while (Instant.now().isBefore(deadline) && !"2027-02-18T09:00:00Z".equals(due)) {
            Thread.sleep(100);
            due = storedDue(id);
        }
        assertThat(due).as("stored due after the official year arrived").isEqualTo("2027-02-18T09:00:00Z");
        as(Api.adminToken()).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("sla.committedDue", equalTo("2027-02-18T09:00:00Z"))
                .body("sla.provisional", equalTo(false))
                .body("sla.provisionalYears", empty());
    }

    @Test
    void anAppliedNoticeOfTheYearRetimesTheOpenCaseToo() throws Exception {
        String calendar = copyOfChina("notice");
        String hall = hallOn(calendar);
        String item = fortyWorkingDays();
        clocks.use(Clock.fixed(OffsetDateTime.parse("2026-12-15T10:00:00+08:00").toInstant(), ZoneOffset.UTC));
        String id = create(hall, item, "WINDOW", DOCUMENTS, Api.adminToken()).statusCode(201)
                .body("sla.committedDue", equalTo("2027-02-16T09:00:00Z"))
                .body("sla.provisional", equalTo(true))
                .extract().path("id");

        String notice = new String(ProvisionalCaseRetimeTest.class.getResourceAsStream("/notices/2027-plausible-test-only.txt").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        as(Api.adminToken()).contentType("text/plain; charset=UTF-8").body(notice)
                .post("/api/v1/calendars/" + calendar + "/years/2027/notice").then().statusCode(200)
                .body("holidays", equalTo(PLAUSIBLE_2027.get("holidays")))
                .body("workdays", equalTo(PLAUSIBLE_2027.get("workdays")));
        assertThat(storedDue(id)).as("a preview changes nothing").isEqualTo("2027-02-16T09:00:00Z");
        as(Api.adminToken()).contentType("text/plain; charset=UTF-8").body(notice).queryParam("apply", true)
                .post("/api/v1/calendars/" + calendar + "/years/2027/notice").then().statusCode(200);
        Instant deadline = Instant.now().plusSeconds(10);
        String due = storedDue(id);
        while (Instant.now().isBefore(deadline) && !"2027-02-18T09:00:00Z".equals(due)) {
            Thread.sleep(100);
            due = storedDue(id);
        }
        assertThat(due).as("stored due after the notice was applied").isEqualTo("2027-02-18T09:00:00Z");
        as(Api.adminToken()).get("/api/v1/cases/" + id).then().statusCode(200)
                .body("sla.provisional", equalTo(false));
        anonymous().get("/api/v1/calendars/" + calendar).then().statusCode(200).body("years.'2027'", equalTo("OFFICIAL"));
    }

    @Test
    void casesStoredBeforeProvisionalYearsAreRetimedOnceAfterStart() throws Exception {
        String calendar = copyOfChina("old");
        String hall = hallOn(calendar);
        String item = fortyWorkingDays();
        clocks.use(Clock.fixed(OffsetDateTime.parse("2026-12-15T10:00:00+08:00").toInstant(), ZoneOffset.UTC));
        String id = create(hall, item, "WINDOW", DOCUMENTS, Api.adminToken()).statusCode(201).extract().path("id");
        // as a version before provisional years stored it: 1 January and 春节 2027 counted as working days
        try (Connection db = LocalServicesResource.connect(); var statement = db.createStatement()) {
            statement.execute("update service_case set committed_due = timestamptz '2027-02-09T09:00:00Z' where id = '" + id + "'");
            statement.execute("insert into calendar_retime_pending (calendar_id, reason) values ('" + calendar + "', 'test')");
        }
        retimer.retimePending().await().atMost(java.time.Duration.ofSeconds(30));
        assertThat(storedDue(id)).isEqualTo("2027-02-16T09:00:00Z");
        try (Connection db = LocalServicesResource.connect();
             var statement = db.prepareStatement("select count(*) from calendar_retime_pending where calendar_id = ?")) {
            statement.setString(1, calendar);
            ResultSet rows = statement.executeQuery();
            rows.next();
            assertThat(rows.getLong(1)).as("done once").isZero();
        }
    }

    /** A calendar made from the shipped cn as an admin would copy it. */
    static String copyOfChina(String prefix) {
        String calendar = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> china = anonymous().get("/api/v1/calendars/cn").then().statusCode(200).extract().path("calendar");
        as(Api.adminToken()).body(china).put("/api/v1/calendars/" + calendar).then().statusCode(201);
        return calendar;
    }

    static String hallOn(String calendar) {
        String hall = "h" + UUID.randomUUID().toString().substring(0, 8);
        as(Api.adminToken()).body(Map.of("code", hall, "name", "hall on " + calendar, "calendarId", calendar)).post("/api/v1/halls")
                .then().statusCode(201);
        return hall;
    }

    /** A TIME_LIMITED item committed in 40 working days (60 by law). */
    static String fortyWorkingDays() {
        return item("TIME_LIMITED", false, Map.of("statutoryLimit", Map.of("workingDays", 60), "committedLimit", Map.of("workingDays", 40)));
    }

    static String storedDue(String id) throws Exception {
        return io.siban.cases.SlaLiveTest.storedDue(id);
    }
}
