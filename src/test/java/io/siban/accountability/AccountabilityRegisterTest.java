package io.siban.accountability;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siban.cases.CaseResourceTest;
import io.siban.cases.sla.CardSweeper;
import io.siban.common.Clocks;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import io.siban.support.SseClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.siban.cases.CaseResourceTest.DOCUMENTS;
import static io.siban.cases.CaseResourceTest.create;
import static io.siban.cases.CaseResourceTest.item;
import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The accountability register through HTTP on PostgreSQL with a moved clock: a case that turns RED is in
 * it unexplained, flagged once three working days have passed, cleared by an explanation; bad input and
 * strangers change nothing; the CSV export; {@code case.explained} on the staff stream only.
 */
@QuarkusTest
public class AccountabilityRegisterTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Clocks clocks;
    @Inject
    CardSweeper sweeper;
    @TestHTTPResource("/")
    URI base;

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    void at(String local) {
        clocks.use(Clock.fixed(OffsetDateTime.parse(local + "+08:00").toInstant(), ZoneOffset.UTC));
        sweeper.sweepOnce().await().atMost(Duration.ofSeconds(30));
    }

    /** A case in a fresh hall that turns YELLOW on Tue 13 Oct 2026 at 17:00 and RED after closing on Wed 14 Oct. */
    record RedCase(String hall, String id, String number) {
    }

    RedCase redCase(String department) {
        String hall = CaseResourceTest.hall();
        at("2026-10-12T10:00:00");
        var created = create(hall, item("TIME_LIMITED", false, Map.of("department", department, "committedLimit", Map.of("workingDays", 2),
                "statutoryLimit", Map.of("workingDays", 3))), "WINDOW", DOCUMENTS, Api.staffToken("clerk", hall)).statusCode(201).extract();
        at("2026-10-13T17:00:00");
        at("2026-10-14T17:00:01");
        return new RedCase(hall, created.path("id"), created.path("caseNumber"));
    }

    static io.restassured.specification.RequestSpecification register(String token, String hall) {
        return as(token).queryParam("hall", hall).queryParam("from", "2026-10-12").queryParam("to", "2026-10-14");
    }

    static Map<String, Object> explanation(String card, String cause) {
        return Map.of("card", card, "cause", cause, "responsible", "审批科 王某", "remedy", "核查改为受理后两个工作日内排定");
    }

    @Test
    void aRedCardIsListedFlaggedAfterThreeWorkingDaysAndClearedByAnExplanation() {
        RedCase red = redCase("问责局");
        String supervisor = Api.staffToken("supervisor", red.hall());
        at("2026-10-15T10:00:00");
        register(supervisor, red.hall()).get("/api/v1/accountability").then().statusCode(200)
                .body("total", equalTo(2)).body("items.card", contains("RED", "YELLOW"))
                .body("items[0].caseId", equalTo(red.id())).body("items[0].caseNumber", equalTo(red.number()))
                .body("items[0].hall", equalTo(red.hall())).body("items[0].department", equalTo("问责局"))
                .body("items[0].itemName", equalTo("测试事项")).body("items[0].category", equalTo("TIME_LIMITED"))
                .body("items[0].at", equalTo("2026-10-14T09:00:01Z")).body("items[0].dueAt", equalTo("2026-10-14T09:00:00Z"))
                .body("items[0].explanation", nullValue())
                // after closing: from Thursday's opening, the third working day is Tuesday 20 October, 09:00
                .body("items[0].explanationDue", equalTo("2026-10-20T01:00:00Z"))
                .body("items[0].unexplainedOverdue", equalTo(false))
                .body("items[1].at", equalTo("2026-10-13T09:00:00Z")).body("items[1].explanationDue", equalTo("2026-10-19T01:00:00Z"));

        at("2026-10-20T08:59:59");
        register(supervisor, red.hall()).queryParam("unexplained", "true").get("/api/v1/accountability").then().statusCode(200)
                .body("total", equalTo(0));
        at("2026-10-20T09:00:00");
        register(supervisor, red.hall()).get("/api/v1/accountability").then().statusCode(200)
                .body("items.unexplainedOverdue", contains(true, false)).body("items[1].explanation", nullValue());
        register(supervisor, red.hall()).queryParam("unexplained", "true").get("/api/v1/accountability").then().statusCode(200)
                .body("total", equalTo(1)).body("items.card", contains("RED"));
        register(supervisor, red.hall()).queryParam("card", "yellow").get("/api/v1/accountability").then().statusCode(200)
                .body("items.card", contains("YELLOW"));
        register(supervisor, red.hall()).queryParam("department", "别的局").get("/api/v1/accountability").then().statusCode(200)
                .body("total", equalTo(0));

        String clerk = Api.staffToken("clerk", red.hall());
        as(clerk).body(explanation("red", "  现场核查排期延误 ")).post("/api/v1/cases/" + red.id() + "/explanations").then().statusCode(201)
                .body("id", notNullValue()).body("caseId", equalTo(red.id())).body("card", equalTo("RED"))
                .body("cause", equalTo("现场核查排期延误")).body("responsible", equalTo("审批科 王某"))
                .body("at", equalTo("2026-10-20T01:00:00Z")).body("actor", containsString("clerk-"));
        register(supervisor, red.hall()).get("/api/v1/accountability").then().statusCode(200)
                .body("items[0].explanation.cause", equalTo("现场核查排期延误")).body("items.unexplainedOverdue", contains(false, false));
        register(supervisor, red.hall()).queryParam("unexplained", "true").get("/api/v1/accountability").then().body("total", equalTo(0));

        at("2026-10-21T09:00:00");
        as(clerk).body(explanation("RED", "不是我的责任")).post("/api/v1/cases/" + red.id() + "/explanations").then().statusCode(403)
                .body("detail", containsString("supervisor may replace"));
        as(supervisor).body(explanation("RED", "排期表未同步")).post("/api/v1/cases/" + red.id() + "/explanations").then().statusCode(201);
        register(supervisor, red.hall()).get("/api/v1/accountability").then()
                .body("items[0].explanation.cause", equalTo("排期表未同步")).body("items[0].explanation.at", equalTo("2026-10-21T01:00:00Z"));
        as(clerk).get("/api/v1/cases/" + red.id() + "/explanations").then().statusCode(200)
                .body("cause", contains("现场核查排期延误", "排期表未同步")).body("card", contains("RED", "RED"));
    }

    @Test
    void badInputAndStrangersChangeNothing() throws Exception {
        RedCase red = redCase("问责局");
        String clerk = Api.staffToken("clerk", red.hall());
        String path = "/api/v1/cases/" + red.id() + "/explanations";
        as(clerk).body(explanation("LEGAL_BREACH", "原因")).post(path).then().statusCode(422)
                .contentType("application/problem+json").body("type", endsWith("/card-not-received"))
                .body("detail", containsString("card:")).body("detail", containsString("RED, YELLOW")).body("field", equalTo("card"));
        as(clerk).body(explanation("PURPLE", "原因")).post(path).then().statusCode(400).body("violations.field", contains("card"));
        as(clerk).body(Map.of("card", "RED", "responsible", "王某", "remedy", "  ")).post(path).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", contains("cause", "remedy"));
        as(clerk).body(Map.of("card", "RED", "cause", "原因", "responsible", "王某", "remedy", "改".repeat(501))).post(path).then()
                .statusCode(400).body("violations.field", contains("remedy"));
        as(clerk).body("{\"card\": \"RED\", \"cause\": \"原因\", \"cause\": \"别的\", \"responsible\": \"王某\", \"remedy\": \"改\"}")
                .post(path).then().statusCode(400);
        as(clerk).body("{\"card\": \"RED\", \"cause\": \"原\\u0000因\", \"responsible\": \"王某\", \"remedy\": \"改\"}")
                .post(path).then().statusCode(400);
        as(Api.staffToken("clerk", CaseResourceTest.hall())).body(explanation("RED", "原因")).post(path).then().statusCode(403);
        as(Api.kioskToken(red.hall())).body(explanation("RED", "原因")).post(path).then().statusCode(403);
        anonymous().body(explanation("RED", "原因")).post(path).then().statusCode(401);
        as(clerk).body(explanation("RED", "原因")).post("/api/v1/cases/" + java.util.UUID.randomUUID() + "/explanations").then()
                .statusCode(404);
        assertThat(explanations(red.id())).as("nothing was recorded").isZero();
        as(clerk).get(path).then().statusCode(200).body("$", org.hamcrest.Matchers.empty());
        as(Api.staffToken("clerk", CaseResourceTest.hall())).get(path).then().statusCode(403);

        String supervisor = Api.staffToken("supervisor", red.hall());
        register(clerk, red.hall()).get("/api/v1/accountability").then().statusCode(403);
        register(Api.staffToken("supervisor", CaseResourceTest.hall()), red.hall()).get("/api/v1/accountability").then().statusCode(403);
        anonymous().queryParam("from", "2026-10-12").queryParam("to", "2026-10-14").get("/api/v1/accountability").then().statusCode(401);
        as(supervisor).queryParam("from", "2026-10-12").get("/api/v1/accountability").then().statusCode(400)
                .body("violations.field", contains("to"));
        as(supervisor).queryParam("from", "12/10/2026").queryParam("to", "2026-10-14").get("/api/v1/accountability").then()
                .statusCode(400).body("violations.field", contains("from"));
        as(supervisor).queryParam("from", "2025-10-01").queryParam("to", "2026-10-14").get("/api/v1/accountability").then()
                .statusCode(400).body("violations.field", contains("to"));
        register(supervisor, red.hall()).queryParam("card", "GREEN").get("/api/v1/accountability").then().statusCode(400)
                .body("violations.field", contains("card"));
        register(Api.adminToken(), "no-such-hall").get("/api/v1/accountability").then().statusCode(400)
                .body("violations.field", contains("hall"));
        register(Api.adminToken(), "no-such-hall").accept("text/csv").get("/api/v1/accountability").then().statusCode(400)
                .contentType("application/problem+json");
        // without a hall a supervisor reads their halls, an admin every hall
        as(supervisor).queryParam("from", "2026-10-12").queryParam("to", "2026-10-14").get("/api/v1/accountability").then()
                .statusCode(200).body("total", equalTo(2));
        as(Api.adminToken()).queryParam("from", "2026-10-12").queryParam("to", "2026-10-14").queryParam("size", 200)
                .get("/api/v1/accountability").then().statusCode(200).body("items.caseNumber", hasItem(red.number()));
    }

    @Test
    void theCsvHasTheSameRowsWithAByteOrderMarkAndSafeCells() {
        RedCase red = redCase("问责局");
        String supervisor = Api.staffToken("supervisor", red.hall());
        as(supervisor).body(Map.of("card", "RED", "cause", "延误, \"排期\"", "responsible", "王某", "remedy", "=HYPERLINK(\"x\")"))
                .post("/api/v1/cases/" + red.id() + "/explanations").then().statusCode(201);
        String csv = register(supervisor, red.hall()).accept("text/csv").get("/api/v1/accountability").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("\uFEFFcaseNumber,caseId,hall,department,itemName,category,card,stage,at,dueAt,explanationDue,"
                + "unexplainedOverdue,explanation.cause,explanation.responsible,explanation.remedy,explanation.at,explanation.actor");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith(red.number() + "," + red.id() + "," + red.hall() + ",问责局,测试事项,TIME_LIMITED,RED,,"
                + "2026-10-14T09:00:01Z,2026-10-14T09:00:00Z,2026-10-20T01:00:00Z,false,\"延误, \"\"排期\"\"\",王某,\"'=HYPERLINK(\"\"x\"\")\",");
        assertThat(lines.get(2)).contains(",YELLOW,,").endsWith(",false,,,,,");
    }

    @Test
    void anExplanationIsOnTheStaffStreamOnly() throws Exception {
        RedCase red = redCase("问责局");
        String supervisor = Api.staffToken("supervisor", red.hall());
        as(supervisor).body(explanation("YELLOW", "材料流转慢")).post("/api/v1/cases/" + red.id() + "/explanations").then().statusCode(201);
        clocks.reset();
        String number = as(Api.kioskToken(red.hall())).body(Map.of("queueCode", "A", "channel", "KIOSK", "priority", "NORMAL"))
                .post("/api/v1/halls/" + red.hall() + "/tickets").then().statusCode(201).extract().path("number");
        URI staff = base.resolve("/api/v1/halls/" + red.hall() + "/stream/staff");
        try (SseClient desk = new SseClient(staff, "0", Map.of("Authorization", "Bearer " + supervisor))) {
            SseClient.Event explained = desk.next("case.explained", WAIT);
            assertThat(explained).as("the staff stream replays the explanation").isNotNull();
            assertThat(explained.data()).contains(red.id()).contains(red.number()).contains("\"card\":\"YELLOW\"")
                    .contains("2026-10-14T09:00:01Z");
            assertThat(desk.next("ticket.issued", WAIT)).isNotNull();
        }
        try (SseClient screen = new SseClient(base.resolve("/api/v1/halls/" + red.hall() + "/stream"), "0")) {
            List<SseClient.Event> events = screen.drain(Duration.ofMillis(800));
            assertThat(events).extracting(SseClient.Event::type).contains("ticket.issued").doesNotContain("case.explained", "sla.card");
            assertThat(events).extracting(SseClient.Event::data).anyMatch(data -> data.contains(number));
        }
    }

    static int explanations(String caseId) throws Exception {
        try (Connection db = LocalServicesResource.connect();
             var statement = db.prepareStatement("select count(*) from case_explanation where case_id = ?::uuid")) {
            statement.setString(1, caseId);
            ResultSet rows = statement.executeQuery();
            rows.next();
            return rows.getInt(1);
        }
    }
}
