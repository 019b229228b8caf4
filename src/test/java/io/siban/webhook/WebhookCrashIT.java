package io.siban.webhook;

import io.siban.support.RedisServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static io.siban.support.LocalMachine.freePort;
import static io.siban.support.LocalMachine.env;

/**
 * A true crash between commit and delivery: the packaged service is killed (SIGKILL, no shutdown) while
 * its committed tickets' deliveries are still failing at the receiver and while more were just committed;
 * after a restart every one arrives, once per webhook-id at least, in event order.
 */
class WebhookCrashIT {
    static final String DB_HOST = env("SIBAN_DB_HOST", "127.0.0.1");
    static final String DB_PORT = env("SIBAN_DB_PORT", "5432");
    static final String DB_USER = env("SIBAN_DB_USER", "siban");
    static final String DB_PASSWORD = env("SIBAN_DB_PASSWORD", "siban");
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static String database;
    static String redis;
    static int port;
    static int management;
    static Process service;

    @BeforeAll
    static void createDatabase() throws Exception {
        database = "siban_webhook_it_" + ProcessHandle.current().pid();
        sql("drop database if exists " + database);
        sql("create database " + database);
        redis = RedisServer.start();
        port = freePort();
        management = freePort();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (service != null) {
            service.destroy();
            service.waitFor();
        }
        RedisServer.stop();
        sql("drop database if exists " + database + " with (force)");
    }

    @Test
    void deliveriesCommittedBeforeAKillArriveAfterTheRestartInOrder() throws Exception {
        service = launch("before-kill");
        try (Receiver receiver = new Receiver(n -> 503)) {
            String admin = token();
            String hall = "crash-" + UUID.randomUUID().toString().substring(0, 6);
            call("POST", "/api/v1/halls", admin, Map.of("code", hall, "name", "Crash hall"), 201);
            call("POST", "/api/v1/halls/" + hall + "/queues", admin, Map.of("code", "A", "prefix", "A", "name", "A"), 201);
            call("POST", "/api/v1/halls/" + hall + "/windows", admin, Map.of("number", 1, "name", "W1", "queues", List.of("A"), "status", "OPEN"), 201);
            String kiosk = call("POST", "/api/v1/devices", admin, Map.of("name", "k", "role", "kiosk", "hall", hall), 201).getString("token");
            call("POST", "/api/v1/webhooks", admin, Map.of("url", receiver.url(), "events", List.of("ticket.issued"), "hall", hall), 201);

            List<String> issued = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                issued.add(issue(kiosk, hall));
            }
            eventually(Duration.ofSeconds(20), () -> assertThat(receiver.received).isNotEmpty());
            for (int i = 0; i < 5; i++) {
                issued.add(issue(kiosk, hall)); // committed, perhaps not yet numbered or fanned out when the kill comes
            }
            service.destroyForcibly();
            service.waitFor();
            assertThat(receiver.delivered()).isEmpty();

            receiver.status = n -> 200;
            service = launch("after-kill");
            eventually(Duration.ofSeconds(60), () -> assertThat(receiver.delivered().stream()
                    .map(r -> new JsonObject(r.body()).getJsonObject("data").getString("ticketId")).distinct()).hasSize(10));
            List<String> order = receiver.delivered().stream().map(r -> new JsonObject(r.body()).getJsonObject("data").getString("ticketId"))
                    .distinct().toList();
            assertThat(order).containsExactlyElementsOf(issued);
            JsonArray hooks = new JsonArray(send("GET", "/api/v1/webhooks", admin, null, 200));
            JsonObject log = call("GET", "/api/v1/webhooks/" + hooks.getJsonObject(0).getString("id") + "/deliveries?status=DELIVERED", admin, null, 200);
            assertThat(log.getLong("total")).isEqualTo(10);
        }
    }

    private static String issue(String kiosk, String hall) throws Exception {
        return call("POST", "/api/v1/halls/" + hall + "/tickets", kiosk, Map.of("queueCode", "A", "channel", "KIOSK"), 201).getString("id");
    }

    private static Process launch(String name) throws Exception {
        String keys = System.getProperty("siban.test.keys", "src/test/resources/keys");
        Path log = Path.of("target", "it-webhook-" + name + ".log");
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(List.of("java", "-Xmx256m",
                "-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + management,
                "-Dsiban.db.host=" + DB_HOST, "-Dsiban.db.port=" + DB_PORT, "-Dsiban.db.name=" + database,
                "-Dquarkus.datasource.username=" + DB_USER, "-Dquarkus.datasource.password=" + DB_PASSWORD, "-Dquarkus.redis.hosts=" + redis,
                "-Dmp.jwt.verify.publickey.location=file:" + Path.of(keys, "test-public.pem").toAbsolutePath(),
                "-Dsmallrye.jwt.sign.key.location=file:" + Path.of(keys, "test-private.pem").toAbsolutePath(),
                "-Dsiban.privacy.key=dGVzdC1vbmx5LWtleS1mb3Itc2liYW4tMzItYnl0ZXM=",
                "-Dsiban.security.admin-password=it-admin-password", "-Dsiban.security.password-iterations=1000",
                // a killed holder's lanes are taken over after 3 s, and retries come quickly
                "-Dsiban.webhooks.lease=PT3S", "-Dsiban.webhooks.timeout=PT1S", "-Dsiban.webhooks.retry-base=PT0.2S", "-Dsiban.webhooks.retry-cap=PT0.5S",
                "-jar", System.getProperty("siban.app.jar", "target/quarkus-app/quarkus-run.jar")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        eventually(Duration.ofSeconds(60), () -> {
            try {
                assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            } catch (IOException | InterruptedException notYet) {
                throw new AssertionError("not ready yet (see " + log + ")", notYet);
            }
        });
        return p;
    }

    private static String token() throws Exception {
        return call("POST", "/api/v1/auth/token", null, Map.of("username", "admin", "password", "it-admin-password"), 200).getString("accessToken");
    }

    private static JsonObject call(String method, String path, String token, Map<String, ?> body, int expected) throws Exception {
        return new JsonObject(send(method, path, token, body == null ? null : new JsonObject(Map.copyOf(body)).encode(), expected));
    }

    private static String send(String method, String path, String token, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(method + " " + path + " → " + answer.body()).isEqualTo(expected);
        return answer.body();
    }

    private static void eventually(Duration within, Runnable assertion) {
        WebhookTest.eventually(within, assertion);
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + DB_HOST + ":" + DB_PORT + "/" + env("SIBAN_DB_NAME", "siban"), DB_USER, DB_PASSWORD)) {
            c.createStatement().execute(statement);
        }
    }
}
