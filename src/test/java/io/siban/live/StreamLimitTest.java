package io.siban.live;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.Api;
import io.siban.support.SseClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Open event streams are limited per client address (siban.live.streams-per-client, 40 in tests), and a closed one frees its place. */
@QuarkusTest
class StreamLimitTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String LOOPBACK = "127.0.0.1";

    @TestHTTPResource("/")
    URI base;
    @Inject
    StreamGuard guard;
    @Inject
    LiveConfig config;

    @Test
    void streamsOverTheLimitOfOneAddressAre429AndAClosedOneFreesItsPlace() throws Exception {
        String hall = Api.hall("l-" + UUID.randomUUID().toString().substring(0, 8));
        URI stream = base.resolve("/api/v1/halls/" + hall + "/stream");
        int free = config.streamsPerClient() - guard.openFrom(LOOPBACK);
        List<SseClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < free + 5; i++) {
                clients.add(new SseClient(stream, null));
            }
            int accepted = 0;
            List<String> refusals = new ArrayList<>();
            for (SseClient client : clients) {
                int status = client.status(WAIT);
                if (status == 200) {
                    accepted++;
                } else {
                    assertThat(status).isEqualTo(429);
                    assertThat(client.header("Content-Type", WAIT)).hasValue("application/problem+json");
                    assertThat(client.header("Retry-After", WAIT)).isPresent();
                    refusals.add(client.refusal(WAIT));
                }
            }
            assertThat(accepted).isEqualTo(free);
            assertThat(refusals).hasSize(5).allSatisfy(body -> assertThat(body).contains("\"status\":429").contains("one address"));
        } finally {
            clients.forEach(SseClient::close);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (guard.openFrom(LOOPBACK) > config.streamsPerClient() - free && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(guard.openFrom(LOOPBACK)).as("closed streams are released").isEqualTo(config.streamsPerClient() - free);
        try (SseClient again = new SseClient(stream, null)) {
            assertThat(again.status(WAIT)).isEqualTo(200);
        }
    }

    @Test
    void aStreamRequestWithABodyIs400BeforeTheStreamStarts() throws Exception {
        String hall = Api.hall("l-" + UUID.randomUUID().toString().substring(0, 8));
        var request = java.net.http.HttpRequest.newBuilder(base.resolve("/api/v1/halls/" + hall + "/stream/staff"))
                .header("Authorization", "Bearer " + Api.adminToken()).header("Content-Type", "application/json")
                .method("GET", java.net.http.HttpRequest.BodyPublishers.ofString("{\"a\": ".repeat(50))).timeout(WAIT).build();
        var response = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("carries no body");
    }

    @Test
    void aHallThatCannotBeLookedUpInTimeIs503NotAStream() throws Exception {
        String hall = Api.hall("l-" + UUID.randomUUID().toString().substring(0, 8));
        try (java.sql.Connection db = io.siban.support.LocalServicesResource.connect()) {
            db.setAutoCommit(false);
            db.createStatement().execute("lock table hall in access exclusive mode");
            try (SseClient blocked = new SseClient(base.resolve("/api/v1/halls/" + hall + "/stream"), null)) {
                assertThat(blocked.status(WAIT)).isEqualTo(503);
                assertThat(blocked.header("Retry-After", WAIT)).isPresent();
                assertThat(blocked.refusal(WAIT)).contains("\"status\":503");
            } finally {
                db.rollback();
            }
        }
        try (SseClient open = new SseClient(base.resolve("/api/v1/halls/" + hall + "/stream"), null)) {
            assertThat(open.status(WAIT)).isEqualTo(200);
        }
    }

    @Test
    void anUnknownHallIs404BeforeTheStreamStarts() throws Exception {
        try (SseClient slash = new SseClient(base.resolve("/api/v1/halls/no-such-hall/stream/"), null)) {
            assertThat(slash.status(WAIT)).as("a trailing slash passes the guard too").isIn(404);
        }
        try (SseClient unknown = new SseClient(base.resolve("/api/v1/halls/no-such-hall/stream"), null);
             SseClient staff = new SseClient(base.resolve("/api/v1/halls/no-such-hall/stream/staff"), null)) {
            assertThat(unknown.status(WAIT)).isEqualTo(404);
            assertThat(unknown.refusal(WAIT)).contains("no-such-hall");
            assertThat(staff.status(WAIT)).isEqualTo(404);
        }
    }
}
