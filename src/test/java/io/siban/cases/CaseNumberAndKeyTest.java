package io.siban.cases;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.Api;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.cases.CaseResourceTest.DOCUMENTS;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Case numbers cannot be counted through, and an Idempotency-Key belongs to its caller in the hall. */
@QuarkusTest
class CaseNumberAndKeyTest {

    @Test
    void consecutiveCaseNumbersAreReadableButNotASequence() {
        String hall = CaseResourceTest.hall();
        String item = CaseResourceTest.item("TIME_LIMITED", false, Map.of());
        String token = Api.staffToken("clerk", hall);
        String prefix = hall.replace("-", "").toUpperCase();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String number = CaseResourceTest.create(hall, item, "WINDOW", DOCUMENTS, token).statusCode(201).extract().path("caseNumber");
            assertThat(number).matches(java.util.regex.Pattern.quote(prefix) + "\\d{8}-[" + CaseNumbers.NUMBER_ALPHABET + "]{5}");
            parts.add(number.substring(number.indexOf('-') + 1));
        }
        assertThat(new HashSet<>(parts)).as("random parts %s", parts).hasSize(parts.size());
        long successors = 0;
        for (int i = 1; i < parts.size(); i++) {
            if (value(parts.get(i)) - value(parts.get(i - 1)) == 1) {
                successors++;
            }
        }
        assertThat(successors).as("numbers that follow the one before, %s", parts).isLessThan(2);
    }

    @Test
    void twoClerksWithTheSameKeyGetTwoCasesAndARetryGetsItsOwn() {
        String hall = CaseResourceTest.hall();
        String item = CaseResourceTest.item("TIME_LIMITED", false, Map.of());
        String first = clerk(hall);
        String second = clerk(hall);
        String key = "shared-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("itemCode", item, "hall", hall, "channel", "WINDOW", "submittedDocuments", DOCUMENTS);

        var mine = as(first).header("Idempotency-Key", key).body(body).post("/api/v1/cases").then().statusCode(201).extract();
        var theirs = as(second).header("Idempotency-Key", key).body(body).post("/api/v1/cases").then().statusCode(201).extract();
        assertThat(theirs.<String>path("id")).isNotEqualTo(mine.path("id"));
        assertThat(theirs.<String>path("verificationCode") + theirs.path("caseNumber"))
                .isNotEqualTo(mine.path("verificationCode") + mine.<String>path("caseNumber"));

        as(first).header("Idempotency-Key", key).body(body).post("/api/v1/cases").then().statusCode(200)
                .body("id", equalTo(mine.path("id"))).body("verificationCode", equalTo(mine.path("verificationCode")));
        as(second).header("Idempotency-Key", key).body(body).post("/api/v1/cases").then().statusCode(200)
                .body("id", equalTo(theirs.path("id")));
    }

    @Test
    void theSameCallerAndKeyInAnotherHallIsAnotherCase() {
        String hall = CaseResourceTest.hall();
        String other = CaseResourceTest.hall();
        String item = CaseResourceTest.item("TIME_LIMITED", false, Map.of());
        String admin = Api.adminToken();
        String key = "hall-" + UUID.randomUUID();
        String here = as(admin).header("Idempotency-Key", key).body(Map.of("itemCode", item, "hall", hall, "channel", "WINDOW",
                "submittedDocuments", DOCUMENTS)).post("/api/v1/cases").then().statusCode(201).extract().path("id");
        String there = as(admin).header("Idempotency-Key", key).body(Map.of("itemCode", item, "hall", other, "channel", "WINDOW",
                "submittedDocuments", DOCUMENTS)).post("/api/v1/cases").then().statusCode(201).extract().path("id");
        assertThat(there).isNotEqualTo(here);
    }

    private static String clerk(String hall) {
        String username = "clerk-" + UUID.randomUUID().toString().substring(0, 8);
        Api.createStaff(username, "password-" + username, List.of("clerk"), List.of(hall));
        return Api.login(username, "password-" + username);
    }

    private static long value(String part) {
        long v = 0;
        for (char ch : part.toCharArray()) {
            v = v * CaseNumbers.NUMBER_ALPHABET.length() + CaseNumbers.NUMBER_ALPHABET.indexOf(ch);
        }
        return v;
    }
}
