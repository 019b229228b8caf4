package io.siban.queue;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.Api;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A clerk acts at the windows assigned to them; the applicant's data opens to the clerk serving the ticket and to supervisors. */
@QuarkusTest
class ClerkWindowsTest {
    static final Map<String, String> APPLICANT = Map.of("name", "李四", "idNumber", "620102198002022222", "phone", "13900002222");

    static String clerk(String hall, int window) {
        String username = "clerk-" + UUID.randomUUID().toString().substring(0, 8);
        as(adminToken()).body(Map.of("username", username, "password", "password-" + username, "roles", List.of("clerk"),
                        "halls", List.of(hall), "windows", List.of(window)))
                .post("/api/v1/staff").then().statusCode(201).body("windows", contains(window));
        return Api.login(username, "password-" + username);
    }

    static String issue(String hall) {
        return as(Api.kioskToken(hall)).body(Map.of("queueCode", "A", "channel", "KIOSK", "applicant", APPLICANT))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).extract().path("id");
    }

    @Test
    void aClerkCallsOpensAndServesOnlyAtTheirOwnWindows() {
        String hall = Api.hall("w-" + UUID.randomUUID().toString().substring(0, 8));
        String atOne = clerk(hall, 1);
        String atTwo = clerk(hall, 2);
        String first = issue(hall);
        String second = issue(hall);

        as(atOne).post("/api/v1/halls/" + hall + "/windows/2/call-next").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("window 2"));
        as(atOne).body(Map.of("status", "PAUSED")).patch("/api/v1/halls/" + hall + "/windows/2").then().statusCode(403);
        as(atTwo).post("/api/v1/halls/" + hall + "/windows/2/call-next").then().statusCode(200).body("id", equalTo(first));
        as(atOne).post("/api/v1/tickets/" + first + "/start").then().statusCode(403).body("detail", containsString("window 2"));
        as(atOne).post("/api/v1/tickets/" + first + "/recall").then().statusCode(403);
        as(atOne).body(Map.of("queueCode", "B")).post("/api/v1/tickets/" + first + "/transfer").then().statusCode(403);
        as(atTwo).post("/api/v1/tickets/" + first + "/start").then().statusCode(200).body("status", equalTo("SERVING"));
        as(atOne).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200).body("id", equalTo(second));
        as(adminToken()).post("/api/v1/tickets/" + first + "/recall").then().statusCode(409).body("detail", containsString("SERVING"));
        as(Api.staffToken("supervisor", hall)).body(Map.of("status", "PAUSED")).patch("/api/v1/halls/" + hall + "/windows/2")
                .then().statusCode(200);
    }

    @Test
    void theApplicantOpensToTheServingClerkAndToSupervisorsOnly() {
        String hall = Api.hall("w-" + UUID.randomUUID().toString().substring(0, 8));
        String atOne = clerk(hall, 1);
        String atTwo = clerk(hall, 2);
        String ticket = issue(hall);
        as(atOne).get("/api/v1/tickets/" + ticket + "/applicant").then().statusCode(403).body("detail", containsString("serving"));
        as(atOne).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200).body("id", equalTo(ticket));
        as(atTwo).get("/api/v1/tickets/" + ticket + "/applicant").then().statusCode(403);
        as(atOne).get("/api/v1/tickets/" + ticket + "/applicant").then().statusCode(200).body("idNumber", equalTo(APPLICANT.get("idNumber")));
        as(atOne).post("/api/v1/tickets/" + ticket + "/start").then().statusCode(200);
        as(atOne).body(Map.of("outcome", "CONSULTATION")).post("/api/v1/tickets/" + ticket + "/finish").then().statusCode(200);
        as(atOne).get("/api/v1/tickets/" + ticket + "/applicant").then().statusCode(403);
        as(Api.staffToken("supervisor", hall)).get("/api/v1/tickets/" + ticket + "/applicant").then().statusCode(200)
                .body("phone", equalTo(APPLICANT.get("phone")));
    }
}
