package io.siban.common;

import io.siban.common.problem.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL drops the service's connections while requests run: each answer is a success or a 503 with Retry-After, never a 500. */
@QuarkusTest
class StoreOutageTest {

    @Test
    void connectionsKilledMidRequestGive503NotA500() throws Exception {
        String hall = Api.hall("so-" + UUID.randomUUID().toString().substring(0, 6));
        String kiosk = Api.kioskToken(hall);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> bad = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Instant until = Instant.now().plus(Duration.ofSeconds(4));
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> running = new java.util.ArrayList<>();
            for (int c = 0; c < 6; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    while (Instant.now().isBefore(until)) {
                        Response r = switch (client % 3) {
                            case 0 -> given().get("/api/v1/halls/" + hall);
                            case 1 -> given().get("/api/v1/items?size=5");
                            default -> Api.as(kiosk).body(Map.of("queueCode", "A", "channel", "KIOSK"))
                                    .post("/api/v1/halls/" + hall + "/tickets");
                        };
                        statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (r.statusCode() >= 500 && (r.statusCode() != 503 || r.header("Retry-After") == null
                                || !Problem.MEDIA_TYPE.equals(r.contentType()))) {
                            bad.add(r.statusCode() + " " + r.body().asString());
                        }
                    }
                    return null;
                }));
            }
            try (Connection db = LocalServicesResource.connect(); Statement kill = db.createStatement()) {
                while (Instant.now().isBefore(until)) {
                    kill.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                            + " where datname = current_database() and pid <> pg_backend_pid()");
                    Thread.sleep(150);
                }
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(bad).as("answers other than success or 503 + Retry-After, of " + statuses).isEmpty();
        assertThat(statuses.keySet()).as("some requests succeeded: " + statuses).containsAnyOf(200, 201);
    }
}
