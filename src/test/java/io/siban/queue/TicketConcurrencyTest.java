package io.siban.queue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Many clients at once, then the truth is read back from PostgreSQL. */
@QuarkusTest
class TicketConcurrencyTest {
    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> post(String path, String token, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <T> List<T> parallel(int threads, List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = pool.invokeAll(tasks);
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoHundredParallelIssuesGetDistinctConsecutiveNumbers() throws Exception {
        String hall = Api.hall("c-" + UUID.randomUUID().toString().substring(0, 8));
        String kiosk = Api.kioskToken(hall);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tasks.add(() -> post("/api/v1/halls/" + hall + "/tickets", kiosk, "{\"queueCode\":\"A\",\"channel\":\"KIOSK\"}", null).statusCode());
        }
        assertThat(parallel(32, tasks)).containsOnly(201);
        try (Connection db = LocalServicesResource.connect();
             var statement = db.prepareStatement("select count(*), count(distinct number), min(seq), max(seq) from ticket where hall_code = ?")) {
            statement.setString(1, hall);
            ResultSet r = statement.executeQuery();
            r.next();
            assertThat(r.getInt(1)).isEqualTo(200);
            assertThat(r.getInt(2)).isEqualTo(200);
            assertThat(r.getInt(3)).isEqualTo(1);
            assertThat(r.getInt(4)).isEqualTo(200);
        }
    }

    @Test
    void concurrentRetriesWithOneKeyMakeOneTicket() throws Exception {
        String hall = Api.hall("c-" + UUID.randomUUID().toString().substring(0, 8));
        String kiosk = Api.kioskToken(hall);
        String key = UUID.randomUUID().toString();
        List<Callable<HttpResponse<String>>> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tasks.add(() -> post("/api/v1/halls/" + hall + "/tickets", kiosk, "{\"queueCode\":\"A\",\"channel\":\"KIOSK\"}", key));
        }
        List<HttpResponse<String>> responses = parallel(20, tasks);
        assertThat(responses.stream().filter(r -> r.statusCode() == 201)).hasSize(1);
        assertThat(responses.stream().map(HttpResponse::statusCode)).containsOnly(200, 201);
        assertThat(responses.stream().map(r -> r.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1")).distinct()).hasSize(1);
        try (Connection db = LocalServicesResource.connect();
             var statement = db.prepareStatement("select count(*) from ticket where hall_code = ?")) {
            statement.setString(1, hall);
            ResultSet r = statement.executeQuery();
            r.next();
            assertThat(r.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void twentyWindowsCallingAtOnceNeverGetTheSameTicket() throws Exception {
        String hall = Api.hall("c-" + UUID.randomUUID().toString().substring(0, 8));
        for (int w = 3; w <= 20; w++) {
            Api.window(hall, w, "A");
        }
        String kiosk = Api.kioskToken(hall);
        for (int i = 0; i < 15; i++) {
            assertThat(post("/api/v1/halls/" + hall + "/tickets", kiosk, "{\"queueCode\":\"A\",\"channel\":\"KIOSK\"}", null).statusCode())
                    .isEqualTo(201);
        }
        String clerk = Api.staffToken("clerk", hall);
        List<Callable<HttpResponse<String>>> tasks = new ArrayList<>();
        for (int w = 1; w <= 20; w++) {
            int window = w;
            tasks.add(() -> post("/api/v1/halls/" + hall + "/windows/" + window + "/call-next", clerk, null, null));
        }
        List<HttpResponse<String>> responses = parallel(20, tasks);
        List<String> called = responses.stream().filter(r -> r.statusCode() == 200)
                .map(r -> r.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1")).toList();
        assertThat(called).hasSize(15).doesNotHaveDuplicates();
        assertThat(responses.stream().filter(r -> r.statusCode() == 204)).hasSize(5);
        try (Connection db = LocalServicesResource.connect();
             var statement = db.prepareStatement("select count(*), count(distinct window_number) from ticket where hall_code = ? and status = 'CALLED'")) {
            statement.setString(1, hall);
            ResultSet r = statement.executeQuery();
            r.next();
            assertThat(r.getInt(1)).isEqualTo(15);
            assertThat(r.getInt(2)).isEqualTo(15);
        }
    }
}
