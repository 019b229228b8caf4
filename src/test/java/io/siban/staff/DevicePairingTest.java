package io.siban.staff;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.siban.common.Clocks;
import io.siban.support.Api;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

/** Kiosks and displays get their token for a one-time pairing code, never through a URL. */
@QuarkusTest
class DevicePairingTest {
    @Inject
    Clocks clocks;

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    static String device(String hall, String role) {
        return as(adminToken()).body(Map.of("name", role + " 1", "role", role, "hall", hall)).post("/api/v1/devices")
                .then().statusCode(201).extract().path("id");
    }

    static String pairingCode(String deviceId) {
        return as(adminToken()).post("/api/v1/devices/" + deviceId + "/pairing").then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("code", matchesPattern("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}"))
                .body("expiresAt", notNullValue())
                .extract().path("code");
    }

    static ValidatableResponse pair(String code) {
        return anonymous().body(Map.of("code", code)).post("/api/v1/devices/pair").then();
    }

    @Test
    void aCodePairsOnceAndTheTokenIssuesTickets() {
        String hall = Api.hall("pair-hall");
        String id = device(hall, "kiosk");
        String code = pairingCode(id);

        // typed the way people type it: lower case, without the dash
        String token = pair(code.toLowerCase(Locale.ROOT).replace("-", "")).statusCode(200)
                .header("Cache-Control", "no-store")
                .body("role", equalTo("kiosk")).body("hall", equalTo(hall)).body("deviceId", equalTo(id))
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo((int) Duration.ofDays(365).toSeconds()))
                .extract().path("token");
        as(token).body(Map.of("queueCode", "A", "channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201);

        pair(code).statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void anExpiredCodeIsRefused() {
        String id = device(Api.hall("pair-hall"), "display");
        OffsetDateTime now = OffsetDateTime.now();
        clocks.use(Clock.fixed(now.toInstant(), ZoneOffset.UTC));
        String code = pairingCode(id);
        clocks.use(Clock.fixed(now.plusMinutes(10).plusSeconds(1).toInstant(), ZoneOffset.UTC));
        pair(code).statusCode(401).contentType("application/problem+json");
        clocks.use(Clock.fixed(now.plusMinutes(9).toInstant(), ZoneOffset.UTC));
        pair(code).statusCode(200).body("role", equalTo("display")); // still good before its end
    }

    @Test
    void aNewCodeReplacesTheUnusedOneAndUnknownCodesAreRefused() {
        String id = device(Api.hall("pair-hall"), "kiosk");
        String first = pairingCode(id);
        String second = pairingCode(id);
        pair(first).statusCode(401);
        pair("ZZZZ-ZZZZ").statusCode(401).contentType("application/problem+json");
        pair(second).statusCode(200);
        anonymous().body(Map.of("code", "")).post("/api/v1/devices/pair").then().statusCode(400).contentType("application/problem+json");
        anonymous().body("{}").post("/api/v1/devices/pair").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void revokingTheDeviceKillsItsPairedTokenAndItsCodes() {
        String hall = Api.hall("pair-hall");
        String id = device(hall, "kiosk");
        String token = pair(pairingCode(id)).statusCode(200).extract().path("token");
        String unused = pairingCode(id);
        as(adminToken()).delete("/api/v1/devices/" + id).then().statusCode(204);

        as(token).body(Map.of("queueCode", "A", "channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets").then().statusCode(401);
        pair(unused).statusCode(401);
        as(adminToken()).post("/api/v1/devices/" + id + "/pairing").then().statusCode(409).contentType("application/problem+json");
        as(adminToken()).post("/api/v1/devices/" + UUID.randomUUID() + "/pairing").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void onlyAnAdminHandsOutPairingCodes() {
        String hall = Api.hall("pair-hall");
        String id = device(hall, "kiosk");
        anonymous().post("/api/v1/devices/" + id + "/pairing").then().statusCode(401);
        as(Api.staffToken("supervisor", hall)).post("/api/v1/devices/" + id + "/pairing").then().statusCode(403);
        as(Api.kioskToken(hall)).post("/api/v1/devices/" + id + "/pairing").then().statusCode(403);
    }

    @Test
    void guessingCodesFromOneAddressIsCutOffWithoutTouchingOthers() throws Exception {
        String id = device(Api.hall("pair-hall"), "kiosk");
        String code = pairingCode(id);
        // a loopback address of its own, so this test's wrong guesses do not count against the rest of the suite
        SplittableRandom random = new SplittableRandom();
        InetAddress guesser = InetAddress.getByName("127.0." + random.nextInt(1, 255) + "." + random.nextInt(2, 255));
        RestAssuredConfig fromGuesser = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.route.local-address", guesser));
        for (int i = 0; i < 10; i++) {
            fromAddress(fromGuesser).body(Map.of("code", "2222-" + (2222 + i))).post("/api/v1/devices/pair").then().statusCode(401);
        }
        String retryAfter = fromAddress(fromGuesser).body(Map.of("code", code)).post("/api/v1/devices/pair").then().statusCode(429)
                .contentType("application/problem+json").extract().header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isPositive();
        pair(code).statusCode(200); // the right code from the kiosk's own address still pairs
    }

    private static io.restassured.specification.RequestSpecification fromAddress(RestAssuredConfig config) {
        return RestAssured.given().config(config).baseUri("http://127.0.0.1").contentType(ContentType.JSON);
    }
}
