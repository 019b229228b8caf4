package io.siban.common;

import io.siban.common.problem.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.siban.support.Api;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** What a hostile or confused client sends gets a 4xx problem+json, never a 500, and changes nothing. */
@QuarkusTest
class HostileInputTest {

    static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status).contentType(Problem.MEDIA_TYPE).body("status", equalTo(status));
    }

    @Test
    void aNulOrControlCharacterInThePathOrQueryIs400() {
        for (String path : List.of("/api/v1/halls/%00", "/api/v1/items/%00", "/api/v1/items/a%01b", "/api/v1/calendars/%00",
                "/api/v1/items?q=%00", "/api/v1/items?department=x%1Fy")) {
            problem(given().urlEncodingEnabled(false).get(path).then(), 400)
                    .body("detail", not(containsString("java.")));
        }
    }

    @Test
    void aContentTypeThatIsNoMediaTypeIs400NamingTheHeader() {
        for (String path : List.of("/api/v1/items/import", "/api/v1/halls", "/api/v1/auth/token")) {
            problem(as(adminToken()).header("Content-Type", "not a media type").body("[]".getBytes(java.nio.charset.StandardCharsets.UTF_8)).post(path).then(), 400)
                    .body("violations.field", hasItem("Content-Type"));
        }
    }

    @Test
    void aNulInAJsonStringIs400NamingTheField() {
        problem(anonymous().body("{\"username\":\"ad\\u0000min\",\"password\":\"x\"}").post("/api/v1/auth/token").then(), 400)
                .body("violations.field", hasItem("username"));
        Map<String, Object> hall = Map.of("code", "n-" + UUID.randomUUID().toString().substring(0, 6), "name", "bad\u0000name");
        problem(as(adminToken()).body(hall).post("/api/v1/halls").then(), 400).body("violations.field", hasItem("name"));
        given().get("/api/v1/halls/" + hall.get("code")).then().statusCode(404);
        problem(as(adminToken()).body(Map.of("username", "bell", "password", "long enough password", "roles", List.of("a\u0007")))
                        .post("/api/v1/staff").then(), 400)
                .body("violations.field", hasItem("roles[0]"));
    }

    @Test
    void aKeyGivenTwiceIs400NamingItAndCreatesNothing() {
        String hall = Api.hall("h-" + UUID.randomUUID().toString().substring(0, 8));
        problem(as(adminToken()).body("{\"code\":\"Q1\",\"prefix\":\"Q\",\"name\":\"x\",\"code\":\"Q2\"}")
                .post("/api/v1/halls/" + hall + "/queues").then(), 400)
                .body("violations.field", hasItem("code")).body("detail", containsString("twice"));
        problem(as(adminToken()).body("{\"name\":\"k\",\"role\":\"kiosk\",\"hall\":\"" + hall + "\",\"name\":\"k\"}")
                .post("/api/v1/devices").then(), 400).body("violations.field", hasItem("name"));
        given().get("/api/v1/halls/" + hall).then().statusCode(200).body("queues.code", not(hasItem("Q1")));
    }

    @Test
    void aNullInsideHolidaysOrWorkdaysIs400NamingTheField() {
        String holidays = """
                {"timezone":"Asia/Shanghai","weeklyHours":{"MONDAY":[["09:00","17:00"]]},"holidays":["2026-10-01",null]}""";
        problem(as(adminToken()).body(holidays).put("/api/v1/calendars/nulls").then(), 400)
                .body("violations.field", hasItem("holidays"));
        String workdays = """
                {"timezone":"Asia/Shanghai","weeklyHours":{"MONDAY":[["09:00","17:00"]]},"workdays":[null]}""";
        problem(as(adminToken()).body(workdays).put("/api/v1/calendars/nulls").then(), 400)
                .body("violations.field", hasItem("workdays"));
        problem(as(adminToken()).body("{\"holidays\":[null],\"workdays\":[]}").put("/api/v1/calendars/cn/years/2027").then(), 400)
                .body("violations.field", hasItem("holidays"));
        problem(as(adminToken()).body("{\"holidays\":[],\"workdays\":[null]}").put("/api/v1/calendars/cn/years/2027").then(), 400)
                .body("violations.field", hasItem("workdays"));
        given().get("/api/v1/calendars/nulls").then().statusCode(404);
    }

    @Test
    void aDeadlinePreviewLeavingTheSupportedYearsIs400() {
        problem(anonymous().body(Map.of("start", "9999-12-01T10:00:00+08:00", "workingDays", 3650, "rule", "END_OF_NTH_WORKING_DAY"))
                .post("/api/v1/calendars/cn/deadline").then(), 400).body("detail", containsString("2200"));
        problem(anonymous().body(Map.of("start", "0001-01-02T10:00:00+08:00", "duration", "PT1H", "rule", "WORKING_TIME"))
                .post("/api/v1/calendars/cn/deadline").then(), 400).body("detail", containsString("1970"));
        // inside the range at the start, but the due would fall after it
        problem(anonymous().body(Map.of("start", "2199-06-01T10:00:00+08:00", "workingDays", 3650, "rule", "WORKING_DAYS_SAME_TIME"))
                .post("/api/v1/calendars/cn/deadline").then(), 400).body("detail", containsString("2200"));
        anonymous().body(Map.of("start", "2026-09-30T10:00:00+08:00", "workingDays", 5, "rule", "END_OF_NTH_WORKING_DAY"))
                .post("/api/v1/calendars/cn/deadline").then().statusCode(200);
    }

    @Test
    void aPageFarBeyondTheDataIs400OrEmptyNever500() {
        for (String query : List.of("page=2147483647", "page=2147483647&size=200", "page=10737418&size=200", "page=99999999999",
                "size=2147483647", "page=-1")) {
            int status = given().get("/api/v1/items?" + query).then().extract().statusCode();
            assertThat(status).as(query).isEqualTo(400);
        }
        String hall = Api.hall("pg-" + UUID.randomUUID().toString().substring(0, 6));
        problem(as(adminToken()).get("/api/v1/cases?hall=" + hall + "&page=2147483647").then(), 400)
                .body("violations.field", hasItem("page"));
    }

    @Test
    void deletingAnItemThatTicketsOrCasesUseIs409AndKeepsIt() {
        String hall = Api.hall("del-" + UUID.randomUUID().toString().substring(0, 6));
        String byTicket = item();
        as(Api.kioskToken(hall)).body(Map.of("itemCode", byTicket, "queueCode", "A", "channel", "KIOSK"))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201);
        problem(as(adminToken()).delete("/api/v1/items/" + byTicket).then(), 409).body("detail", containsString("ticket"));
        given().get("/api/v1/items/" + byTicket).then().statusCode(200);

        String byCase = item();
        as(Api.staffToken("clerk", hall)).body(Map.of("itemCode", byCase, "hall", hall, "channel", "WINDOW",
                "submittedDocuments", List.of("申请表"))).post("/api/v1/cases").then().statusCode(201);
        problem(as(adminToken()).delete("/api/v1/items/" + byCase).then(), 409).body("detail", containsString("case"));
        given().get("/api/v1/items/" + byCase).then().statusCode(200);

        String unused = item();
        as(adminToken()).delete("/api/v1/items/" + unused).then().statusCode(204);
    }

    static String item() {
        String code = "H-" + UUID.randomUUID().toString().substring(0, 8);
        as(adminToken()).body(Map.of("code", code, "name", "事项 " + code, "department", "测试局", "level", "CITY",
                "category", "TIME_LIMITED", "statutoryLimit", Map.of("workingDays", 20), "committedLimit", Map.of("workingDays", 5),
                "onlineCapable", true, "requiredDocuments", List.of("申请表"))).post("/api/v1/items").then().statusCode(201);
        return code;
    }

    @Test
    void wrongJsonTypesAreDescribedInJsonTermsWithoutJavaTypeNames() {
        String hall = Api.hall("ty-" + UUID.randomUUID().toString().substring(0, 6));
        String kiosk = Api.kioskToken(hall);
        String tickets = "/api/v1/halls/" + hall + "/tickets";
        problem(as(kiosk).body("{\"queueCode\":\"A\",\"channel\":\"FAX\"}").post(tickets).then(), 400)
                .body("violations[0].field", equalTo("channel"))
                .body("violations[0].message", equalTo("must be one of [KIOSK, MOBILE, APPOINTMENT]"));
        problem(as(kiosk).body("{\"queueCode\":\"A\",\"channel\":\"KIOSK\",\"applicant\":\"x\"}").post(tickets).then(), 400)
                .body("violations[0].field", equalTo("applicant")).body("violations[0].message", equalTo("must be an object"))
                .body("detail", not(containsString("$"))).body("detail", not(containsString("io.siban")));
        problem(as(kiosk).body("{\"queueCode\":[\"A\"],\"channel\":\"KIOSK\"}").post(tickets).then(), 400)
                .body("violations[0].field", equalTo("queueCode")).body("violations[0].message", equalTo("must be a string"));
        problem(as(kiosk).body("[]").post(tickets).then(), 400).body("violations[0].message", equalTo("must be an object"));

        Map<String, Object> window = new HashMap<>(Map.of("number", "one", "name", "W", "queues", List.of("A")));
        problem(as(adminToken()).body(window).post("/api/v1/halls/" + hall + "/windows").then(), 400)
                .body("violations[0].field", equalTo("number")).body("violations[0].message", equalTo("must be a whole number"))
                .body("detail", not(containsString("java.")));
        window.put("number", 99999999999L);
        problem(as(adminToken()).body(window).post("/api/v1/halls/" + hall + "/windows").then(), 400)
                .body("violations[0].field", equalTo("number")).body("detail", not(containsString("int")));
        window.put("number", 1.5);
        problem(as(adminToken()).body(window).post("/api/v1/halls/" + hall + "/windows").then(), 400)
                .body("violations[0].field", equalTo("number")).body("violations[0].message", equalTo("must be a whole number"));
    }

    @Test
    void invalidDatesAndDurationsAre400() {
        for (String body : List.of(
                "{\"start\":\"2026-02-30T10:00:00+08:00\",\"workingDays\":1,\"rule\":\"END_OF_NTH_WORKING_DAY\"}",
                "{\"start\":\"yesterday\",\"workingDays\":1,\"rule\":\"END_OF_NTH_WORKING_DAY\"}",
                "{\"start\":\"2026-09-30T10:00:00+08:00\",\"duration\":\"PT\",\"rule\":\"WORKING_TIME\"}",
                "{\"start\":\"2026-09-30T10:00:00+08:00\",\"duration\":\"P-1D\",\"rule\":\"WORKING_TIME\"}",
                "{\"start\":\"2026-09-30T10:00:00+08:00\",\"duration\":[12],\"rule\":\"WORKING_TIME\"}",
                "{\"start\":\"2026-09-30T10:00:00+08:00\",\"workingDays\":1,\"rule\":\"SOON\"}",
                "{\"start\":\"2026-09-30T10:00:00+08:00\",\"workingDays\":1,\"rule\":\"END_OF_NTH_WORKING_DAY\",\"pauses\":{}}",
                "{\"start\":\"2026-09-30T10:00:00+08:00\",\"workingDays\":1,\"rule\":\"END_OF_NTH_WORKING_DAY\",\"pauses\":[1]}",
                "", "null", "\"text\"", "{", "[".repeat(5000) + "]".repeat(5000))) {
            problem(anonymous().body(body).post("/api/v1/calendars/cn/deadline").then(), 400)
                    .body("detail", not(containsString("java."))).body("detail", not(containsString("`")));
        }
        problem(given().contentType("text/plain").body("{}").post("/api/v1/calendars/cn/deadline").then(), 415);
        problem(given().get("/api/v1/calendars/cn/working-days?from=2026-13-01&to=2026-12-01").then(), 400);
    }
}
