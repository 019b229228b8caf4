package io.siban.common;

import io.siban.common.problem.Problem;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class PlatformTest {
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @TestHTTPResource("/")
    URL main;

    @Test
    void readinessChecksPostgresAndRedis() {
        given().baseUri("http://" + management.getHost()).port(management.getPort()).get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check", "Redis connection health check"));
    }

    @Test
    void livenessIsUp() {
        given().baseUri("http://" + management.getHost()).port(management.getPort()).get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsArePrometheusText() {
        given().get("/api/v1/items/summary").then().statusCode(200);
        given().baseUri("http://" + management.getHost()).port(management.getPort()).get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    void metricsAndHealthAreNotServedOnThePublicPort() {
        assertThat(management.getPort()).isNotEqualTo(main.getPort());
        for (String path : new String[] {"/q/metrics", "/q/health", "/q/health/ready", "/q/health/live"}) {
            given().get(path).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        }
    }

    @Test
    void openApiDescribesTheContract() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/items'.post", notNullValue())
                .body("paths.'/api/v1/auth/token'.post", notNullValue())
                .body("paths.'/api/v1/halls/{hall}/windows/{number}'.patch", notNullValue())
                .body("paths.'/api/v1/calendars/{id}'.put", notNullValue())
                .body("paths.'/api/v1/devices'.post", notNullValue())
                .body("components.schemas.ItemRequest.properties.code.examples[0]", equalTo("GT-ENV-001"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
