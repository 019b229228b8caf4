package io.siban.common;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.RedisServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Readiness follows Redis: DOWN while it is gone, UP again once it is back. */
@QuarkusTest
class RedisOutageTest {

    @Test
    void readinessReportsRedisDownAndRecovers() {
        assertThat(readyStatus()).isEqualTo(200);
        RedisServer.stop();
        try {
            assertThat(waitForReady(503)).as("ready while Redis is down").isEqualTo(503);
            given().get("/q/health/ready").then()
                    .body("checks.find { it.name == 'Redis connection health check' }.status", org.hamcrest.Matchers.equalTo("DOWN"));
            assertThat(given().get("/q/health/live").statusCode()).isEqualTo(200);
        } finally {
            RedisServer.start();
        }
        assertThat(waitForReady(200)).as("ready after Redis is back").isEqualTo(200);
    }

    private static int readyStatus() {
        return given().get("/q/health/ready").statusCode();
    }

    private static int waitForReady(int expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
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
