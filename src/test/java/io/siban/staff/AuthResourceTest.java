package io.siban.staff;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.Api;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class AuthResourceTest {

    @Test
    void staffLogInAndTheTokenCarriesRolesAndHalls() {
        String hall = Api.hall("auth-hall");
        String username = unique("clerk");
        Api.createStaff(username, "secret-password", List.of("clerk"), List.of(hall));

        String token = anonymous().body(Map.of("username", username, "password", "secret-password"))
                .post("/api/v1/auth/token").then().statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", greaterThan(0))
                .body("roles", contains("clerk"))
                .body("halls", contains(hall))
                .extract().path("accessToken");

        as(token).get("/api/v1/auth/me").then().statusCode(200)
                .body("name", equalTo(username)).body("roles", contains("clerk")).body("halls", contains(hall));
    }

    @Test
    void wrongPasswordOrUnknownUserIs401ProblemJson() {
        anonymous().body(Map.of("username", "admin", "password", "wrong-password")).post("/api/v1/auth/token")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        anonymous().body(Map.of("username", "nobody-" + UUID.randomUUID(), "password", "whatever1")).post("/api/v1/auth/token")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void loginWithoutFieldsIs400WithViolations() {
        anonymous().body(Map.of("username", "admin")).post("/api/v1/auth/token")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("password"));
    }

    @Test
    void repeatedFailedLoginsAreRateLimited() {
        String username = unique("target");
        Api.createStaff(username, "right-password", List.of("clerk"), List.of());
        String client = "192.0.2." + java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 255);
        for (int i = 0; i < 10; i++) {
            anonymous().header("X-Forwarded-For", client).body(Map.of("username", username, "password", "wrong-" + i))
                    .post("/api/v1/auth/token").then().statusCode(401);
        }
        anonymous().header("X-Forwarded-For", client).body(Map.of("username", username, "password", "right-password")).post("/api/v1/auth/token")
                .then().statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue());
    }

    @Test
    void disabledStaffTokenIsRefusedAtOnce() {
        String username = unique("leaver");
        Api.createStaff(username, "leaver-password", List.of("supervisor"), List.of("*"));
        String token = Api.login(username, "leaver-password");
        as(token).get("/api/v1/auth/me").then().statusCode(200);

        as(adminToken()).delete("/api/v1/staff/" + username).then().statusCode(204);

        as(token).get("/api/v1/auth/me").then().statusCode(401).contentType("application/problem+json");
        anonymous().body(Map.of("username", username, "password", "leaver-password")).post("/api/v1/auth/token").then().statusCode(401);
        as(adminToken()).get("/api/v1/staff").then().statusCode(200)
                .body("find { it.username == '" + username + "' }.active", equalTo(false));
    }

    @Test
    void staffManagementChecks() {
        String username = unique("dup");
        Api.createStaff(username, "password-1", List.of("reviewer"), List.of());
        as(adminToken()).body(Map.of("username", username, "password", "password-1", "roles", List.of("reviewer")))
                .post("/api/v1/staff").then().statusCode(409).contentType("application/problem+json");
        as(adminToken()).body(Map.of("username", unique("bad"), "password", "short", "roles", List.of("wizard")))
                .post("/api/v1/staff").then().statusCode(400)
                .body("violations.field", hasItem("password"))
                .body("violations.field", hasItem("roles[0]"));
        as(adminToken()).body(Map.of("username", unique("nohall"), "password", "password-1", "roles", List.of("clerk"),
                "halls", List.of("no-such-hall"))).post("/api/v1/staff").then().statusCode(422);
        as(Api.staffToken("supervisor", "*")).body(Map.of("username", unique("x"), "password", "password-1", "roles", List.of("clerk")))
                .post("/api/v1/staff").then().statusCode(403).contentType("application/problem+json");
        anonymous().body(Map.of("username", unique("x"), "password", "password-1", "roles", List.of("clerk")))
                .post("/api/v1/staff").then().statusCode(401);
        as(adminToken()).delete("/api/v1/staff/no-such-user").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void deviceTokensWorkUntilRevoked() {
        String hall = Api.hall("device-hall");
        var created = as(adminToken()).body(Map.of("name", "Kiosk 7", "role", "kiosk", "hall", hall))
                .post("/api/v1/devices").then().statusCode(201)
                .body("id", notNullValue()).body("token", notNullValue()).body("hall", equalTo(hall))
                .extract();
        String id = created.path("id");
        String token = created.path("token");

        as(token).get("/api/v1/auth/me").then().statusCode(200).body("roles", contains("kiosk")).body("halls", contains(hall));
        as(adminToken()).get("/api/v1/devices?hall=" + hall).then().statusCode(200)
                .body("find { it.id == '" + id + "' }.token", nullValue());

        as(adminToken()).delete("/api/v1/devices/" + id).then().statusCode(204);
        as(token).get("/api/v1/auth/me").then().statusCode(401);
        as(adminToken()).delete("/api/v1/devices/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void deviceRequestsAreValidated() {
        as(adminToken()).body(Map.of("name", "Screen", "role", "clerk", "hall", Api.hall("device-hall")))
                .post("/api/v1/devices").then().statusCode(400).body("violations.field", hasItem("role"));
        as(adminToken()).body(Map.of("name", "Screen", "role", "display", "hall", "no-such-hall"))
                .post("/api/v1/devices").then().statusCode(422).contentType("application/problem+json");
        as(Api.staffToken("clerk", "device-hall")).body(Map.of("name", "Screen", "role", "display", "hall", "device-hall"))
                .post("/api/v1/devices").then().statusCode(403);
        as(adminToken()).delete("/api/v1/devices/not-a-uuid").then().statusCode(404);
    }

    @Test
    void tokensSignedByAnotherKeyOrGarbageAreRefused() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.upn("admin").groups("admin").claim("halls", List.of("*")).claim("kind", "staff")
                .issuer("https://siban.io").sign(generator.generateKeyPair().getPrivate());
        as(forged).get("/api/v1/auth/me").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        as("not-a-token").get("/api/v1/auth/me").then().statusCode(401);
        anonymous().get("/api/v1/auth/me").then().statusCode(401);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
