package io.siban.common;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.Api;
import io.siban.support.RedisServer;
import io.siban.support.SseClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/** Redis goes away and comes back: readiness follows it, tickets keep being issued, and no event is lost. */
@QuarkusTest
class RedisOutageTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URI base;
    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Test
    void readinessFollowsRedisAndEventsFromTheOutageArriveAfterwards() throws Exception {
        String hall = Api.hall("r-" + UUID.randomUUID().toString().substring(0, 8));
        String kiosk = Api.kioskToken(hall);
        assertThat(readyStatus()).isEqualTo(200);
        RedisServer.stop();
        String numberDuringOutage;
        try {
            assertThat(waitForReady(503)).as("ready while Redis is down").isEqualTo(503);
            given().baseUri("http://" + management.getHost()).port(management.getPort()).get("/q/health/ready").then()
                    .body("checks.find { it.name == 'Redis connection health check' }.status", org.hamcrest.Matchers.equalTo("DOWN"));
            assertThat(given().baseUri("http://" + management.getHost()).port(management.getPort()).get("/q/health/live").statusCode()).isEqualTo(200);
            numberDuringOutage = as(kiosk).body(Map.of("queueCode", "A", "channel", "KIOSK"))
                    .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).extract().path("number");
        } finally {
            RedisServer.start();
        }
        assertThat(waitForReady(200)).as("ready after Redis is back").isEqualTo(200);

        try (SseClient screen = new SseClient(base.resolve("/api/v1/halls/" + hall + "/stream"), "0")) {
            SseClient.Event missed = screen.next("ticket.issued", WAIT);
            assertThat(missed).as("the event of the ticket issued during the outage").isNotNull();
            assertThat(missed.data()).contains(numberDuringOutage);
            String after = as(kiosk).body(Map.of("queueCode", "A", "channel", "KIOSK"))
                    .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).extract().path("number");
            SseClient.Event live = screen.next("ticket.issued", WAIT);
            assertThat(live).as("live events flow again after Redis restarted").isNotNull();
            assertThat(live.data()).contains(after);
        }
    }

    private int readyStatus() {
        return given().baseUri("http://" + management.getHost()).port(management.getPort()).get("/q/health/ready").statusCode();
    }

    private int waitForReady(int expected) {
        Instant deadline = Instant.now().plus(WAIT);
        int status = readyStatus();
        while (status != expected && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            status = readyStatus();
        }
        return status;
    }
}
