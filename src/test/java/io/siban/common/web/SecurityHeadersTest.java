package io.siban.common.web;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.Api;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The headers that keep browsers from running, framing, leaking or storing what the service answers. */
@QuarkusTest
class SecurityHeadersTest {

    @Test
    void screensGetAStrictPolicyThatAllowsNoInlineScriptAndNoFraming() {
        for (String page : List.of("/kiosk/lz-city", "/board/lz-city", "/window/lz-city/1", "/supervisor/lz-city", "/t/x", "/web/kiosk.js")) {
            String policy = given().get(page).then().statusCode(200)
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .header("X-Frame-Options", "DENY")
                    .extract().header("Content-Security-Policy");
            assertThat(policy).as(page)
                    .contains("default-src 'self'", "script-src 'self';", "style-src 'self';", "object-src 'none'", "base-uri 'none'",
                            "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
        }
    }

    @Test
    void tokenAnswersAndPersonalDataAreNeverStored() {
        given().contentType("application/json").body(Map.of("username", "admin", "password", Api.ADMIN_PASSWORD))
                .post("/api/v1/auth/token").then().statusCode(200).header("Cache-Control", "no-store");

        String hall = Api.hall("hdr-hall");
        String ticket = as(Api.kioskToken(hall)).body(Map.of("queueCode", "A", "channel", "KIOSK",
                        "applicant", Map.of("name", "张三丰", "idNumber", "620102199001011234", "phone", "13812345678")))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).extract().path("id");
        as(Api.staffToken("supervisor", hall)).get("/api/v1/tickets/" + ticket + "/applicant").then().statusCode(200)
                .header("Cache-Control", containsString("no-store")).header("X-Content-Type-Options", "nosniff");
        as(adminToken()).get("/api/v1/staff").then().statusCode(200).header("Cache-Control", "no-store");
        // errors too, including the ones the HTTP layer and the mapper write
        anonymous().get("/api/v1/halls/no-such-hall").then().statusCode(404).header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff");
        anonymous().get("/api/v1/no-such-path").then().statusCode(404).header("Cache-Control", "no-store");
    }

    @Test
    void answersThatSayHowToCacheKeepTheirOwnRule() {
        given().get("/web/board.js").then().statusCode(200).header("Cache-Control", "no-cache");
        given().get("/kiosk/lz-city").then().statusCode(200).header("Cache-Control", nullValue());
    }

    @Test
    void apiDocsMayRunSwaggerUiButStillCannotBeFramed() {
        String policy = given().get("/q/openapi").then().statusCode(200).header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY").extract().header("Content-Security-Policy");
        assertThat(policy).contains("frame-ancestors 'none'", "object-src 'none'");
        given().get("/api/v1/halls/lz-city/board").then().header("Content-Security-Policy", not(containsString("unsafe-inline")));
    }

    @Test
    void onlyTheBoardMayBeFramedAndOnlyByTheConfiguredAncestors() {
        String signage = "https://signage.example.gov";
        assertThat(SecurityHeaders.contentSecurityPolicy("/board/lz-city", signage)).endsWith("frame-ancestors " + signage);
        assertThat(SecurityHeaders.contentSecurityPolicy("/kiosk/lz-city", signage)).endsWith("frame-ancestors 'none'");
        assertThat(SecurityHeaders.contentSecurityPolicy("/api/v1/halls/lz-city/board", signage)).endsWith("frame-ancestors 'none'");
        assertThat(SecurityHeaders.contentSecurityPolicy("/board/lz-city", null)).endsWith("frame-ancestors 'none'");
        assertThat(SecurityHeaders.contentSecurityPolicy("/q/swagger-ui/", signage)).endsWith("frame-ancestors 'none'");
        given().get("/board/lz-city").then().statusCode(200).header("X-Frame-Options", equalTo("DENY"));
    }
}
