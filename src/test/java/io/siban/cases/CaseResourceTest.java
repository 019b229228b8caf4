package io.siban.cases;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.siban.common.Clocks;
import io.siban.support.Api;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
public class CaseResourceTest {
    public static final List<String> DOCUMENTS = List.of("申请书", "营业执照", "场所平面图");

    @Inject
    Clocks clocks;

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    void at(String local) {
        clocks.use(Clock.fixed(OffsetDateTime.parse(local + "+08:00").toInstant(), ZoneOffset.UTC));
    }

    public static String hall() {
        return Api.hall("k-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public static String item(String category, boolean online, Map<String, Object> extra) {
        String code = "CASE-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> item = new HashMap<>(Map.of("code", code, "name", "测试事项", "department", "测试局", "level", "CITY",
                "category", category, "statutoryLimit", Map.of("workingDays", 20), "onlineCapable", online,
                "requiredDocuments", DOCUMENTS));
        if (!category.equals("IMMEDIATE") && !category.equals("SAME_DAY")) {
            item.put("committedLimit", Map.of("workingDays", 5));
        }
        item.putAll(extra);
        as(adminToken()).body(item).post("/api/v1/items").then().statusCode(201);
        return code;
    }

    public static ValidatableResponse create(String hall, String item, String channel, List<String> documents, String token) {
        return as(token).body(Map.of("itemCode", item, "hall", hall, "channel", channel, "submittedDocuments", documents,
                "applicant", Map.of("name", "张三丰", "idNumber", "620102199001011234"))).post("/api/v1/cases").then();
    }

    public static ValidatableResponse move(String id, int version, Map<String, Object> body, String token) {
        return as(token).header("If-Match", Integer.toString(version)).body(body).post("/api/v1/cases/" + id + "/transitions").then();
    }

    @Test
    void aCompleteWindowCaseIsAcceptedAndTimed() {
        String hall = hall();
        at("2026-09-30T10:00:00");
        create(hall, item("TIME_LIMITED", false, Map.of()), "WINDOW", DOCUMENTS, Api.staffToken("clerk", hall)).statusCode(201)
                .header("Location", containsString("/api/v1/cases/")).header("ETag", containsString("0"))
                .body("state", equalTo("ACCEPTED")).body("version", equalTo(0))
                .body("verificationCode", notNullValue()).body("caseNumber", containsString("20260930"))
                .body("sla.committedDue", equalTo("2026-10-13T09:00:00Z"))
                .body("sla.card", equalTo("GREEN")).body("applicant.name", equalTo("张**"))
                .body("applicant.idNumber", equalTo("620102********1234"));
    }

    @Test
    void missingDocumentsWaitInSubmittedWithTheFullListUnlessTolerated() {
        String hall = hall();
        String clerk = Api.staffToken("clerk", hall);
        create(hall, item("TIME_LIMITED", false, Map.of()), "WINDOW", List.of("申请书"), clerk).statusCode(201)
                .body("state", equalTo("SUBMITTED")).body("missingDocuments", contains("营业执照", "场所平面图"))
                .body("sla.committedDue", nullValue());
        create(hall, item("TIME_LIMITED", false, Map.of("toleratesMissingDocuments", true)), "WINDOW", List.of("申请书"), clerk)
                .statusCode(201).body("state", equalTo("ACCEPTED")).body("missingDocuments", contains("营业执照", "场所平面图"));
    }

    @Test
    void onlineOnlyForOnlineCapableItems() {
        String hall = hall();
        create(hall, item("TIME_LIMITED", false, Map.of()), "ONLINE", DOCUMENTS, Api.kioskToken(hall)).statusCode(422)
                .contentType("application/problem+json").body("type", containsString("not-online"));
        create(hall, item("TIME_LIMITED", true, Map.of()), "ONLINE", DOCUMENTS, Api.kioskToken(hall)).statusCode(201)
                .body("state", equalTo("SUBMITTED")).body("channel", equalTo("ONLINE"));
        create(hall, item("TIME_LIMITED", true, Map.of()), "WINDOW", DOCUMENTS, Api.kioskToken(hall)).statusCode(403);
        create(hall, "NO-SUCH-ITEM", "WINDOW", DOCUMENTS, Api.staffToken("clerk", hall)).statusCode(422);
        create("no-such-hall", item("TIME_LIMITED", true, Map.of()), "WINDOW", DOCUMENTS, adminToken()).statusCode(422);
        as(Api.staffToken("clerk", hall)).body(Map.of("hall", hall)).post("/api/v1/cases").then().statusCode(400)
                .body("violations.field", hasItem("itemCode")).body("violations.field", hasItem("channel"));
    }

    @Test
    void retriesWithTheSameKeyGiveTheSameCaseAndCode() {
        String hall = hall();
        String item = item("TIME_LIMITED", false, Map.of());
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("itemCode", item, "hall", hall, "channel", "WINDOW", "submittedDocuments", DOCUMENTS);
        var first = as(Api.staffToken("clerk", hall)).header("Idempotency-Key", key).body(body).post("/api/v1/cases").then()
                .statusCode(201).extract();
        as(Api.staffToken("clerk", hall)).header("Idempotency-Key", key).body(body).post("/api/v1/cases").then().statusCode(200)
                .body("id", equalTo(first.path("id"))).body("verificationCode", equalTo(first.path("verificationCode")));
        as(Api.staffToken("clerk", hall)).header("Idempotency-Key", key).body(Map.of("itemCode", item, "hall", hall, "channel", "WINDOW"))
                .post("/api/v1/cases").then().statusCode(422);
    }

    @Test
    void movesNeedTheCurrentVersionTheRightRoleAndALegalTransition() {
        String hall = hall();
        String clerk = Api.staffToken("clerk", hall);
        String reviewer = Api.staffToken("reviewer", hall);
        String id = create(hall, item("TIME_LIMITED", false, Map.of()), "WINDOW", DOCUMENTS, clerk).statusCode(201).extract().path("id");
        as(reviewer).body(Map.of("action", "START_REVIEW")).post("/api/v1/cases/" + id + "/transitions").then().statusCode(400)
                .body("violations[0].field", equalTo("If-Match"));
        move(id, 0, Map.of("action", "APPROVE"), clerk).statusCode(403).body("detail", containsString("reviewer"));
        move(id, 0, Map.of("action", "DELIVER"), clerk).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("ACCEPTED"));
        move(id, 0, Map.of("action", "FORWARD"), clerk).statusCode(409).body("detail", containsString("PROXY"));
        move(id, 0, Map.of("action", "START_REVIEW"), reviewer).statusCode(200).body("state", equalTo("IN_REVIEW")).body("version", equalTo(1));
        move(id, 0, Map.of("action", "APPROVE"), reviewer).statusCode(409).body("detail", containsString("stale"));
        move(id, 1, Map.of("action", "SOMETHING"), reviewer).statusCode(400);
        move(id, 1, Map.of("action", "APPROVE"), reviewer).statusCode(200).body("state", equalTo("APPROVED"))
                .body("closedAt", notNullValue());
        move(id, 2, Map.of("action", "DELIVER"), clerk).statusCode(200).body("state", equalTo("DELIVERED"));
        move(id, 3, Map.of("action", "WITHDRAW"), clerk).statusCode(409);
        move(UUID.randomUUID().toString(), 0, Map.of("action", "ACCEPT"), clerk).statusCode(404);
        move(id, 3, Map.of("action", "WITHDRAW"), Api.staffToken("clerk", hall())).statusCode(403);
        anonymous().header("If-Match", "3").body(Map.of("action", "WITHDRAW")).post("/api/v1/cases/" + id + "/transitions").then().statusCode(401);
    }

    @Test
    void pauseAndResumeMoveTheDueByExactlyThePausedWorkingTime() {
        String hall = hall();
        String clerk = Api.staffToken("clerk", hall);
        at("2026-09-30T10:00:00");
        String id = create(hall, item("TIME_LIMITED", false, Map.of()), "WINDOW", DOCUMENTS, clerk).statusCode(201).extract().path("id");
        at("2026-10-12T09:00:00");
        move(id, 0, Map.of("action", "REQUEST_SUPPLEMENT", "missingDocuments", List.of("场所平面图"), "reason", "图纸不清"), clerk)
                .statusCode(200).body("state", equalTo("SUSPENDED")).body("sla.paused", equalTo(true))
                .body("missingDocuments", contains("场所平面图"));
        at("2026-10-13T09:00:00");
        move(id, 1, Map.of("action", "SUPPLEMENT_RECEIVED"), clerk).statusCode(200).body("state", equalTo("ACCEPTED"))
                .body("sla.paused", equalTo(false))
                .body("sla.committedDue", equalTo("2026-10-14T09:00:00Z"))
                .body("sla.pausedWorkingSeconds", equalTo(7 * 3600))
                .body("sla.pauses[0].kind", equalTo("SUPPLEMENT")).body("sla.pauses[0].reason", equalTo("图纸不清"));
        at("2026-10-13T10:00:00");
        move(id, 2, Map.of("action", "START_PROCEDURE"), Api.staffToken("reviewer", hall)).statusCode(400)
                .body("violations[0].field", equalTo("procedure"));
        move(id, 2, Map.of("action", "START_PROCEDURE", "procedure", "SITE_INSPECTION", "reason", "现场勘验"), Api.staffToken("reviewer", hall)).statusCode(200)
                .body("state", equalTo("SUSPENDED"));
        move(id, 3, Map.of("action", "SUPPLEMENT_RECEIVED"), clerk).statusCode(409).body("detail", containsString("END_PROCEDURE"));
    }

    @Test
    void aSecondSupplementRequestNamingANewDocumentIsAOneTimeNoticeViolation() {
        String hall = hall();
        String clerk = Api.staffToken("clerk", hall);
        String id = create(hall, item("TIME_LIMITED", false, Map.of()), "WINDOW", DOCUMENTS, clerk).statusCode(201).extract().path("id");
        move(id, 0, Map.of("action", "REQUEST_SUPPLEMENT", "missingDocuments", List.of("场所平面图")), clerk).statusCode(200)
                .body("oneTimeNoticeViolations", equalTo(0));
        move(id, 1, Map.of("action", "SUPPLEMENT_RECEIVED"), clerk).statusCode(200);
        move(id, 2, Map.of("action", "REQUEST_SUPPLEMENT", "missingDocuments", List.of("场所平面图")), clerk).statusCode(200)
                .body("oneTimeNoticeViolations", equalTo(0));
        move(id, 3, Map.of("action", "SUPPLEMENT_RECEIVED"), clerk).statusCode(200);
        move(id, 4, Map.of("action", "REQUEST_SUPPLEMENT", "missingDocuments", List.of("消防意见书")), clerk).statusCode(200)
                .body("oneTimeNoticeViolations", equalTo(1));
        as(clerk).get("/api/v1/cases/" + id + "/history").then().statusCode(200)
                .body("action", contains("SUBMIT", "ACCEPT", "REQUEST_SUPPLEMENT", "SUPPLEMENT_RECEIVED", "REQUEST_SUPPLEMENT",
                        "SUPPLEMENT_RECEIVED", "REQUEST_SUPPLEMENT"))
                .body("[6].detail.oneTimeNoticeViolation", contains("消防意见书"))
                .body("[2].from", equalTo("ACCEPTED")).body("[2].to", equalTo("SUSPENDED")).body("[0].actor", notNullValue());
    }

    @Test
    void proxyCasesGoUpstreamAndTheLocalStageIsTimedSeparately() {
        String hall = hall();
        String clerk = Api.staffToken("clerk", hall);
        at("2026-10-08T10:00:00");
        String id = create(hall, item("PROXY", false, Map.of("localStageLimit", Map.of("workingDays", 2))), "WINDOW", DOCUMENTS, clerk)
                .statusCode(201).body("sla.localStageDue", equalTo("2026-10-10T09:00:00Z")).extract().path("id");
        at("2026-10-13T10:00:00");
        move(id, 0, Map.of("action", "FORWARD"), clerk).statusCode(200).body("state", equalTo("FORWARDED"))
                .body("sla.localStageOverrun", equalTo(true)).body("sla.card", not(equalTo("RED")));
        at("2026-10-14T10:00:00");
        move(id, 1, Map.of("action", "UPSTREAM_RETURNED"), clerk).statusCode(200).body("state", equalTo("RETURNED"))
                .body("sla.upstreamWorkingSeconds", equalTo(7 * 3600));
        move(id, 2, Map.of("action", "APPROVE"), Api.staffToken("reviewer", hall)).statusCode(200).body("state", equalTo("APPROVED"));
    }

    @Test
    void eachServedTicketLinkedToTheCaseIsOneVisit() {
        String hall = hall();
        String clerk = Api.staffToken("clerk", hall);
        String kiosk = Api.kioskToken(hall);
        String first = as(kiosk).body(Map.of("queueCode", "A", "channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets")
                .then().statusCode(201).extract().path("id");
        as(clerk).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200);
        as(clerk).post("/api/v1/tickets/" + first + "/start").then().statusCode(200);
        var created = as(clerk).body(Map.of("itemCode", item("TIME_LIMITED", false, Map.of()), "hall", hall, "channel", "WINDOW",
                "ticketId", first, "submittedDocuments", List.of("申请书"))).post("/api/v1/cases").then().statusCode(201)
                .body("visits", equalTo(1)).body("state", equalTo("SUBMITTED")).extract();
        String caseId = created.path("id");
        as(clerk).body(Map.of("outcome", "CASE_ACCEPTED", "caseId", caseId)).post("/api/v1/tickets/" + first + "/finish").then()
                .statusCode(200).body("caseId", equalTo(caseId));
        as(clerk).get("/api/v1/cases/" + caseId).then().body("visits", equalTo(1));

        String second = as(kiosk).body(Map.of("queueCode", "A", "channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets")
                .then().statusCode(201).extract().path("id");
        as(clerk).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200);
        as(clerk).post("/api/v1/tickets/" + second + "/start").then().statusCode(200);
        as(clerk).body(Map.of("outcome", "CASE_ACCEPTED", "caseId", UUID.randomUUID().toString()))
                .post("/api/v1/tickets/" + second + "/finish").then().statusCode(422);
        as(clerk).body(Map.of("outcome", "CASE_ACCEPTED", "caseId", caseId)).post("/api/v1/tickets/" + second + "/finish").then()
                .statusCode(200);
        as(clerk).get("/api/v1/cases/" + caseId).then().body("visits", equalTo(2));
        as(clerk).body(Map.of("itemCode", item("TIME_LIMITED", false, Map.of()), "hall", hall, "channel", "WINDOW",
                "ticketId", UUID.randomUUID().toString())).post("/api/v1/cases").then().statusCode(422);
    }

    @Test
    void aSpecialProcedureCarriesItsOwnLimitAndIsFlaggedWhenItRunsOver() {
        String hall = hall();
        String reviewer = Api.staffToken("reviewer", hall);
        at("2026-10-12T10:00:00");
        String id = create(hall, item("TIME_LIMITED", false, Map.of()), "WINDOW", DOCUMENTS, Api.staffToken("clerk", hall))
                .statusCode(201).extract().path("id");
        move(id, 0, Map.of("action", "START_PROCEDURE", "procedure", "EXPERT_REVIEW", "procedureLimit", Map.of("workingDays", 2),
                "reason", "需专家论证"), reviewer).statusCode(200)
                .body("sla.pauses[0].procedure", equalTo("EXPERT_REVIEW"))
                .body("sla.pauses[0].limit.workingDays", equalTo(2))
                .body("sla.pauses[0].due", equalTo("2026-10-14T09:00:00Z"))
                .body("sla.pauses[0].overrun", equalTo(false));
        at("2026-10-15T10:00:00");
        as(reviewer).get("/api/v1/cases/" + id).then().body("sla.pauses[0].overrun", equalTo(true)).body("sla.paused", equalTo(true));
        move(id, 1, Map.of("action", "END_PROCEDURE"), reviewer).statusCode(200).body("sla.pauses[0].overrun", equalTo(true))
                .body("state", equalTo("ACCEPTED"));
        move(id, 2, Map.of("action", "START_REVIEW", "procedureLimit", Map.of("workingDays", 2)), reviewer).statusCode(400)
                .body("violations[0].field", equalTo("procedureLimit"));
    }

    @Test
    void listsFilterByTheLiveCard() {
        String hall = hall();
        String clerk = Api.staffToken("clerk", hall);
        at("2026-10-12T10:00:00");
        String late = create(hall, item("TIME_LIMITED", false, Map.of()), "WINDOW", DOCUMENTS, clerk).statusCode(201).extract().path("id");
        at("2026-10-16T10:00:00");
        String fresh = create(hall, item("TIME_LIMITED", false, Map.of()), "WINDOW", DOCUMENTS, clerk).statusCode(201).extract().path("id");
        at("2026-10-19T18:00:00");
        String supervisor = Api.staffToken("supervisor", hall);
        as(supervisor).queryParam("hall", hall).queryParam("card", "RED").get("/api/v1/cases").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(late)).body("items[0].sla.card", equalTo("RED"));
        as(supervisor).queryParam("hall", hall).queryParam("card", "GREEN").get("/api/v1/cases").then()
                .body("total", equalTo(1)).body("items[0].id", equalTo(fresh));
        as(supervisor).queryParam("hall", hall).queryParam("state", "ACCEPTED").get("/api/v1/cases").then().body("total", equalTo(2));
        as(supervisor).queryParam("hall", hall).queryParam("card", "PURPLE").get("/api/v1/cases").then().statusCode(400);
        as(Api.staffToken("supervisor", hall())).queryParam("hall", hall).get("/api/v1/cases").then().statusCode(403);
        as(Api.kioskToken(hall)).get("/api/v1/cases").then().statusCode(403);
    }

    @Test
    void thePublicLookupRevealsNothingElseAndResistsGuessing() {
        String hall = hall();
        var created = create(hall, item("TIME_LIMITED", false, Map.of()), "WINDOW", DOCUMENTS, Api.staffToken("clerk", hall))
                .statusCode(201).extract();
        String number = created.path("caseNumber");
        String code = created.path("verificationCode");
        String client = "192.0.2." + java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 255);
        anonymous().header("X-Forwarded-For", client).queryParam("code", code).get("/api/v1/public/cases/" + number).then().statusCode(200)
                .body("state", equalTo("ACCEPTED")).body("applicant", equalTo("张**"))
                .body("steps.state", contains("SUBMITTED", "ACCEPTED"))
                .body("$", not(org.hamcrest.Matchers.hasKey("id"))).body("$", not(org.hamcrest.Matchers.hasKey("sla")));
        String wrong = anonymous().header("X-Forwarded-For", client).queryParam("code", "000000".equals(code) ? "111111" : "000000").get("/api/v1/public/cases/" + number)
                .then().statusCode(404).extract().path("detail");
        String unknown = anonymous().header("X-Forwarded-For", client).queryParam("code", code).get("/api/v1/public/cases/NO" + number).then().statusCode(404)
                .extract().path("detail");
        org.assertj.core.api.Assertions.assertThat(wrong.replace(number, "N")).isEqualTo(unknown.replace("NO" + number, "N"));
        for (int i = 0; i < 10; i++) {
            anonymous().header("X-Forwarded-For", client).queryParam("code", "x" + i).get("/api/v1/public/cases/" + number);
        }
        anonymous().header("X-Forwarded-For", client).queryParam("code", code).get("/api/v1/public/cases/" + number).then().statusCode(429)
                .header("Retry-After", notNullValue());
    }
}
