package io.siban.queue;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Applicant data is masked everywhere except to staff of the ticket's hall, and every disclosure leaves a trace. */
@QuarkusTest
class ApplicantDisclosureTest {
    private static final Map<String, String> APPLICANT = Map.of("name", "张三丰", "idNumber", "620102199001011234", "phone", "13812345678");

    @Test
    void staffOfTheHallSeeTheApplicantUnmaskedAndEachLookIsRecorded() throws Exception {
        String hall = Api.hall("d-" + UUID.randomUUID().toString().substring(0, 8));
        String ticket = issue(hall, APPLICANT);
        anonymous().get("/api/v1/tickets/" + ticket).then().statusCode(200)
                .body("applicant.idNumber", not(equalTo(APPLICANT.get("idNumber"))));

        String clerk = "clerk-" + UUID.randomUUID().toString().substring(0, 8);
        Api.createStaff(clerk, "password-" + clerk, List.of("clerk"), List.of(hall));
        String clerkToken = Api.login(clerk, "password-" + clerk);
        as(clerkToken).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200).body("id", equalTo(ticket));
        as(clerkToken).get("/api/v1/tickets/" + ticket + "/applicant").then().statusCode(200)
                .header("Cache-Control", equalTo("no-store"))
                .body("name", equalTo("张三丰")).body("idNumber", equalTo("620102199001011234")).body("phone", equalTo("13812345678"));
        as(Api.staffToken("supervisor", hall)).get("/api/v1/tickets/" + ticket + "/applicant").then().statusCode(200)
                .body("idNumber", equalTo("620102199001011234"));

        assertThat(accesses(ticket)).hasSize(2);
        assertThat(accesses(ticket).get(0)).contains(clerk);
    }

    @Test
    void othersAreRefusedAndLeaveNoTrace() throws Exception {
        String hall = Api.hall("d-" + UUID.randomUUID().toString().substring(0, 8));
        String otherHall = Api.hall("d-" + UUID.randomUUID().toString().substring(0, 8));
        String ticket = issue(hall, APPLICANT);

        as(Api.staffToken("clerk", otherHall)).get("/api/v1/tickets/" + ticket + "/applicant").then().statusCode(403)
                .contentType("application/problem+json");
        as(Api.kioskToken(hall)).get("/api/v1/tickets/" + ticket + "/applicant").then().statusCode(403);
        anonymous().get("/api/v1/tickets/" + ticket + "/applicant").then().statusCode(401);
        assertThat(accesses(ticket)).isEmpty();

        String withoutApplicant = issue(hall, null);
        as(Api.staffToken("clerk", hall)).get("/api/v1/tickets/" + withoutApplicant + "/applicant").then().statusCode(404)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("no-applicant"));
        as(Api.staffToken("clerk", hall)).get("/api/v1/tickets/" + UUID.randomUUID() + "/applicant").then().statusCode(404);
        as(Api.staffToken("clerk", hall)).get("/api/v1/tickets/not-a-uuid/applicant").then().statusCode(404);
        assertThat(accesses(withoutApplicant)).isEmpty();
    }

    private static String issue(String hall, Map<String, String> applicant) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("queueCode", "A", "channel", "KIOSK"));
        if (applicant != null) {
            body.put("applicant", applicant);
        }
        return as(Api.kioskToken(hall)).body(body).post("/api/v1/halls/" + hall + "/tickets")
                .then().statusCode(201).extract().path("id");
    }

    private static List<String> accesses(String ticket) throws Exception {
        List<String> actors = new java.util.ArrayList<>();
        try (Connection db = LocalServicesResource.connect(); var s = db.createStatement();
             ResultSet r = s.executeQuery("select actor from personal_data_access where subject_type = 'ticket' and subject_id = '"
                     + ticket + "' order by at, id")) {
            while (r.next()) {
                actors.add(r.getString(1));
            }
        }
        return actors;
    }
}
