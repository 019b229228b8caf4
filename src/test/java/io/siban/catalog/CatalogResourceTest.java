package io.siban.catalog;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.Api;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CatalogResourceTest {

    static Map<String, Object> item(String code, String category) {
        Map<String, Object> item = new HashMap<>();
        item.put("code", code);
        item.put("name", "事项 " + code);
        item.put("department", "测试局");
        item.put("level", "CITY");
        item.put("category", category);
        item.put("statutoryLimit", Map.of("workingDays", 20));
        item.put("onlineCapable", true);
        item.put("requiredDocuments", List.of("申请表", "身份证"));
        if (category.equals("TIME_LIMITED") || category.equals("PROXY")) {
            item.put("committedLimit", Map.of("workingDays", 5));
        }
        return item;
    }

    static String code() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createThenReadAnItemWithCategoryDefaults() {
        String code = code();
        as(adminToken()).body(item(code, "IMMEDIATE")).post("/api/v1/items").then().statusCode(201)
                .header("Location", containsString("/api/v1/items/" + code))
                .body("committedLimit.duration", equalTo("PT30M"))
                .body("statutoryLimit.workingDays", equalTo(20))
                .body("requiredDocuments", contains("申请表", "身份证"));
        String sameDay = code();
        as(adminToken()).body(item(sameDay, "SAME_DAY")).post("/api/v1/items").then().statusCode(201)
                .body("committedLimit.workingDays", equalTo(1));

        anonymous().get("/api/v1/items/" + code).then().statusCode(200)
                .body("code", equalTo(code)).body("category", equalTo("IMMEDIATE")).body("onlineCapable", equalTo(true));
    }

    @Test
    void limitsAcceptTheShortForms() {
        Map<String, Object> item = item(code(), "TIME_LIMITED");
        item.put("committedLimit", 3);
        item.put("statutoryLimit", 30);
        as(adminToken()).body(item).post("/api/v1/items").then().statusCode(201)
                .body("committedLimit.workingDays", equalTo(3));
        Map<String, Object> immediate = item(code(), "IMMEDIATE");
        immediate.put("committedLimit", "PT45M");
        immediate.put("statutoryLimit", "PT2H");
        as(adminToken()).body(immediate).post("/api/v1/items").then().statusCode(201)
                .body("committedLimit.duration", equalTo("PT45M")).body("statutoryLimit.duration", equalTo("PT2H"));
    }

    @Test
    void businessRulesOfTheCategoriesAreEnforced() {
        Map<String, Object> longerThanLaw = item(code(), "TIME_LIMITED");
        longerThanLaw.put("committedLimit", Map.of("workingDays", 30));
        as(adminToken()).body(longerThanLaw).post("/api/v1/items").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("committedLimit"))
                .body("violations[0].message", containsString("statutory"));

        Map<String, Object> sameDayTwoDays = item(code(), "SAME_DAY");
        sameDayTwoDays.put("committedLimit", Map.of("workingDays", 2));
        as(adminToken()).body(sameDayTwoDays).post("/api/v1/items").then().statusCode(400)
                .body("violations.field", contains("committedLimit"));

        Map<String, Object> timeLimitedInMinutes = item(code(), "TIME_LIMITED");
        timeLimitedInMinutes.put("committedLimit", Map.of("duration", "PT30M"));
        as(adminToken()).body(timeLimitedInMinutes).post("/api/v1/items").then().statusCode(400)
                .body("violations.field", contains("committedLimit"));

        Map<String, Object> localStageNotProxy = item(code(), "TIME_LIMITED");
        localStageNotProxy.put("localStageLimit", Map.of("workingDays", 2));
        as(adminToken()).body(localStageNotProxy).post("/api/v1/items").then().statusCode(400)
                .body("violations.field", contains("localStageLimit"));

        Map<String, Object> proxy = item(code(), "PROXY");
        proxy.put("localStageLimit", Map.of("workingDays", 2));
        as(adminToken()).body(proxy).post("/api/v1/items").then().statusCode(201).body("localStageLimit.workingDays", equalTo(2));
    }

    @Test
    void missingAndMalformedFieldsAre400WithEveryViolation() {
        as(adminToken()).body(Map.of("code", "bad code!", "dailyQuota", 0)).post("/api/v1/items").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("code"))
                .body("violations.field", hasItem("name"))
                .body("violations.field", hasItem("department"))
                .body("violations.field", hasItem("level"))
                .body("violations.field", hasItem("category"))
                .body("violations.field", hasItem("statutoryLimit"))
                .body("violations.field", hasItem("onlineCapable"))
                .body("violations.field", hasItem("dailyQuota"));

        Map<String, Object> unknownCategory = item(code(), "TIME_LIMITED");
        unknownCategory.put("category", "EVENTUALLY");
        as(adminToken()).body(unknownCategory).post("/api/v1/items").then().statusCode(400)
                .body("violations[0].field", equalTo("category"))
                .body("violations[0].message", containsString("TIME_LIMITED"));

        Map<String, Object> wrongType = item(code(), "TIME_LIMITED");
        wrongType.put("onlineCapable", List.of(1, 2));
        as(adminToken()).body(wrongType).post("/api/v1/items").then().statusCode(400)
                .body("violations[0].field", equalTo("onlineCapable"));

        Map<String, Object> badLimit = item(code(), "TIME_LIMITED");
        badLimit.put("committedLimit", Map.of("workingDays", 2, "duration", "PT1H"));
        as(adminToken()).body(badLimit).post("/api/v1/items").then().statusCode(400)
                .body("violations[0].field", equalTo("committedLimit"))
                .body("violations[0].message", containsString("exactly one"));

        as(adminToken()).body("{\"code\": ").post("/api/v1/items").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("body"));
        as(adminToken()).body("").post("/api/v1/items").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void oversizedBodiesAre413ProblemJson() {
        String huge = "[" + "\"x\",".repeat(800_000) + "\"x\"]";
        as(adminToken()).body(huge).post("/api/v1/items").then().statusCode(413).contentType("application/problem+json");
    }

    @TestHTTPResource("/api/v1/items")
    URI items;

    /** A chunked body has no Content-Length: its size shows only as it arrives. */
    private HttpResponse<String> postChunked(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(items).header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void chunkedBodiesOverTheLimitAre413ProblemJsonAndSmallOnesAreRead() throws Exception {
        HttpResponse<String> tooLarge = postChunked("{\"code\": \"X\", \"name\": \"" + "n".repeat(2_200_000) + "\"}");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new JsonObject(tooLarge.body()).getString("type")).endsWith("/too-large");

        String code = code();
        HttpResponse<String> created = postChunked(new JsonObject(item(code, "IMMEDIATE")).encode());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        as(adminToken()).get("/api/v1/items/" + code).then().statusCode(200).body("code", equalTo(code));
    }

    @Test
    void duplicateCodeIs409AndNothingChanges() {
        String code = code();
        as(adminToken()).body(item(code, "IMMEDIATE")).post("/api/v1/items").then().statusCode(201);
        Map<String, Object> again = item(code, "TIME_LIMITED");
        again.put("name", "changed");
        as(adminToken()).body(again).post("/api/v1/items").then().statusCode(409).contentType("application/problem+json");
        anonymous().get("/api/v1/items/" + code).then().body("name", equalTo("事项 " + code)).body("category", equalTo("IMMEDIATE"));
    }

    @Test
    void replaceAndDelete() {
        String code = code();
        as(adminToken()).body(item(code, "TIME_LIMITED")).post("/api/v1/items").then().statusCode(201);
        Map<String, Object> changed = item(code, "PROXY");
        changed.put("dailyQuota", 40);
        as(adminToken()).body(changed).put("/api/v1/items/" + code).then().statusCode(200)
                .body("category", equalTo("PROXY")).body("dailyQuota", equalTo(40)).body("version", equalTo(1));
        as(adminToken()).body(item("OTHER-CODE", "PROXY")).put("/api/v1/items/" + code).then().statusCode(400)
                .body("violations[0].field", equalTo("code"));
        as(adminToken()).body(item("NOPE-" + code, "PROXY")).put("/api/v1/items/NOPE-" + code).then().statusCode(404);

        as(adminToken()).delete("/api/v1/items/" + code).then().statusCode(204);
        anonymous().get("/api/v1/items/" + code).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString(code));
        as(adminToken()).delete("/api/v1/items/" + code).then().statusCode(404);
    }

    @Test
    void onlyAdminsChangeTheCatalogue() {
        String code = code();
        anonymous().body(item(code, "IMMEDIATE")).post("/api/v1/items").then().statusCode(401).contentType("application/problem+json");
        as(Api.staffToken("clerk", "*")).body(item(code, "IMMEDIATE")).post("/api/v1/items").then().statusCode(403)
                .contentType("application/problem+json");
        as(Api.staffToken("supervisor", "*")).delete("/api/v1/items/" + code).then().statusCode(403);
        as(Api.staffToken("reviewer", "*")).body(List.of()).post("/api/v1/items/import").then().statusCode(403);
        anonymous().get("/api/v1/items/" + code).then().statusCode(404);
    }

    @Test
    void searchFiltersAndPages() {
        String department = "检索局-" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 5; i++) {
            Map<String, Object> item = item("S-" + department.hashCode() + "-" + i, i < 3 ? "TIME_LIMITED" : "IMMEDIATE");
            item.put("department", department);
            item.put("name", i == 4 ? "特别的营业执照事项" : "普通事项 " + i);
            as(adminToken()).body(item).post("/api/v1/items").then().statusCode(201);
        }
        anonymous().queryParam("department", department).queryParam("size", 2).get("/api/v1/items").then().statusCode(200)
                .body("total", equalTo(5)).body("items", hasSize(2)).body("page", equalTo(0)).body("size", equalTo(2));
        anonymous().queryParam("department", department).queryParam("size", 2).queryParam("page", 2).get("/api/v1/items").then()
                .body("items", hasSize(1));
        anonymous().queryParam("department", department).queryParam("category", "TIME_LIMITED").get("/api/v1/items").then()
                .body("total", equalTo(3)).body("items.category", everyItem(equalTo("TIME_LIMITED")));
        anonymous().queryParam("department", department).queryParam("q", "营业执照").get("/api/v1/items").then()
                .body("total", equalTo(1)).body("items[0].name", equalTo("特别的营业执照事项"));
        anonymous().queryParam("q", "100%_").get("/api/v1/items").then().statusCode(200).body("total", equalTo(0));
        anonymous().queryParam("size", 0).get("/api/v1/items").then().statusCode(400).body("violations[0].field", equalTo("size"));
        anonymous().queryParam("page", "x").get("/api/v1/items").then().statusCode(400).body("violations[0].field", equalTo("page"));
        anonymous().queryParam("category", "NOPE").get("/api/v1/items").then().statusCode(400)
                .body("violations[0].field", equalTo("category"));
    }

    @Test
    void summaryCountsPerCategoryAndDepartment() {
        String department = "汇总局-" + UUID.randomUUID().toString().substring(0, 6);
        String[] categories = {"IMMEDIATE", "IMMEDIATE", "SAME_DAY", "TIME_LIMITED", "PROXY"};
        for (int i = 0; i < categories.length; i++) {
            Map<String, Object> item = item("SUM-" + department.hashCode() + "-" + i, categories[i]);
            item.put("department", department);
            item.put("onlineCapable", i % 2 == 0);
            as(adminToken()).body(item).post("/api/v1/items").then().statusCode(201);
        }
        anonymous().get("/api/v1/items/summary").then().statusCode(200)
                .body("byDepartment.find { it.department == '" + department + "' }.total", equalTo(5))
                .body("byDepartment.find { it.department == '" + department + "' }.byCategory.IMMEDIATE", equalTo(2))
                .body("byDepartment.find { it.department == '" + department + "' }.byCategory.PROXY", equalTo(1))
                .body("byDepartment.find { it.department == '" + department + "' }.onlineCapable", equalTo(3));
    }

    @Test
    void jsonImportKeepsValidRowsAndExplainsTheRest() {
        String a = code();
        String b = code();
        as(adminToken()).body(item(b, "IMMEDIATE")).post("/api/v1/items").then().statusCode(201);
        Map<String, Object> update = item(b, "SAME_DAY");
        Map<String, Object> invalid = item(code(), "TIME_LIMITED");
        invalid.put("committedLimit", Map.of("workingDays", 99));
        Map<String, Object> unreadable = item(code(), "TIME_LIMITED");
        unreadable.put("level", "GALAXY");
        as(adminToken()).body(List.of(item(a, "TIME_LIMITED"), update, invalid, unreadable)).post("/api/v1/items/import")
                .then().statusCode(200)
                .body("created", equalTo(1)).body("updated", equalTo(1)).body("rejected", equalTo(2))
                .body("rejections.row", contains(3, 4))
                .body("rejections[0].violations[0].field", equalTo("committedLimit"))
                .body("rejections[1].violations[0].field", equalTo("level"));
        anonymous().get("/api/v1/items/" + a).then().statusCode(200);
        anonymous().get("/api/v1/items/" + b).then().body("category", equalTo("SAME_DAY"));
        as(adminToken()).body(Map.of("not", "an array")).post("/api/v1/items/import").then().statusCode(400);
    }

    @Test
    void csvImportOfHundredsOfRows() {
        String prefix = "CSV" + UUID.randomUUID().toString().substring(0, 6);
        StringBuilder csv = new StringBuilder("code,name,department,level,category,committedLimit,statutoryLimit,requiredDocuments,onlineCapable,dailyQuota\n");
        for (int i = 0; i < 300; i++) {
            csv.append(prefix).append('-').append(i).append(",\"事项, 第").append(i).append("号\",导入局,CITY,TIME_LIMITED,5,20,申请表;身份证,")
                    .append(i % 2 == 0 ? "true" : "false").append(",\n");
        }
        csv.append(prefix).append("-bad,坏行,导入局,CITY,TIME_LIMITED,50,20,,true,\n");
        csv.append(prefix).append("-bad2,坏行,导入局,CITY,TIME_LIMITED,5,20,,maybe,\n");
        as(adminToken()).contentType("text/csv; charset=UTF-8").body(csv.toString()).post("/api/v1/items/import").then().statusCode(200)
                .body("created", equalTo(300)).body("rejected", equalTo(2))
                .body("rejections.code", contains(prefix + "-bad", prefix + "-bad2"))
                .body("rejections[1].violations[0].field", equalTo("onlineCapable"));
        anonymous().get("/api/v1/items/" + prefix + "-7").then().statusCode(200)
                .body("name", equalTo("事项, 第7号")).body("requiredDocuments", contains("申请表", "身份证"))
                .body("onlineCapable", equalTo(false)).body("dailyQuota", nullValue());
        as(adminToken()).contentType("text/csv; charset=UTF-8").body("code,name\nX,Y\n").post("/api/v1/items/import").then().statusCode(400)
                .body("violations[0].field", equalTo("header"));
    }
}
