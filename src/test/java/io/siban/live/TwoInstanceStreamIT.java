package io.siban.live;

import io.siban.support.RedisServer;
import io.siban.support.SseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static io.siban.support.LocalMachine.freePort;
import static io.siban.support.LocalMachine.env;

/**
 * Two real instances of the packaged service on one PostgreSQL database and one Redis: a screen on
 * either instance sees what happens through the other, and what one instance leaves when it is killed
 * the other (or its restart) carries on exactly.
 */
class TwoInstanceStreamIT {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String HOST = env("SIBAN_DB_HOST", "127.0.0.1");
    static final String PORT = env("SIBAN_DB_PORT", "5432");
    static final String USER = env("SIBAN_DB_USER", "siban");
    static final String PASSWORD = env("SIBAN_DB_PASSWORD", "siban");
    static final String ADMIN_DB = env("SIBAN_DB_NAME", "siban");

    static String database;
    static final List<Process> instances = new ArrayList<>();
    static URI a;
    static URI b;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        database = "siban_it_" + ProcessHandle.current().pid();
        admin("drop database if exists " + database);
        admin("create database " + database);
        String redis = RedisServer.start();
        a = start(redis, "a");
        b = start(redis, "b");
        awaitReady(a);
        awaitReady(b);
    }

    @AfterAll
    static void stopInstances() throws Exception {
        for (Process p : instances) {
            p.destroy();
            p.waitFor();
        }
        RedisServer.stop();
        admin("drop database if exists " + database + " with (force)");
    }

    @Test
    void eachInstancesScreensSeeTheOthersEvents() throws Exception {
        String admin = token(a, "admin", "it-admin-password");
        String hall = "it-" + UUID.randomUUID().toString().substring(0, 6);
        String kiosk = openHall(admin, hall);

        try (SseClient onB = new SseClient(b.resolve("/api/v1/halls/" + hall + "/stream"), null);
             SseClient onA = new SseClient(a.resolve("/api/v1/halls/" + hall + "/stream"), null)) {
            assertThat(onB.status(WAIT)).isEqualTo(200);
            assertThat(onA.status(WAIT)).isEqualTo(200);
            Thread.sleep(500);
            String issued = send(a, "POST", "/api/v1/halls/" + hall + "/tickets", kiosk, "{\"queueCode\":\"A\",\"channel\":\"KIOSK\"}", 201);
            String number = issued.replaceAll(".*\"number\":\"([^\"]+)\".*", "$1");
            SseClient.Event seenOnB = onB.next("ticket.issued", WAIT);
            assertThat(seenOnB).as("ticket issued on A reaches a screen on B").isNotNull();
            assertThat(seenOnB.data()).contains(number);
            SseClient.Event seenOnA = onA.next("ticket.issued", WAIT);
            assertThat(seenOnA.id()).isEqualTo(seenOnB.id());

            String clerkPassword = "it-clerk-password";
            send(a, "POST", "/api/v1/staff", admin, "{\"username\":\"it-clerk\",\"password\":\"" + clerkPassword
                    + "\",\"roles\":[\"clerk\"],\"halls\":[\"" + hall + "\"],\"windows\":[1]}", 201);
            String clerk = token(b, "it-clerk", clerkPassword);
            send(b, "POST", "/api/v1/halls/" + hall + "/windows/1/call-next", clerk, null, 200);
            SseClient.Event calledOnA = onA.next("ticket.called", WAIT);
            assertThat(calledOnA).as("call on B reaches a screen on A").isNotNull();
            assertThat(calledOnA.data()).contains(number).contains("\"window\":1");
            assertThat(onB.next("ticket.called", WAIT).id()).isEqualTo(calledOnA.id());
        }
        Instant deadline = Instant.now().plus(WAIT);
        String board = "";
        while (Instant.now().isBefore(deadline) && !board.contains("\"called\":1")) {
            board = send(b, "GET", "/api/v1/halls/" + hall + "/board", null, null, 200);
            Thread.sleep(100);
        }
        assertThat(board).contains("\"called\":1").contains("\"issued\":1");
    }

    @Test
    void aDeviceRevokedOnOneInstanceIsRefusedByTheOtherAtOnce() throws Exception {
        String admin = token(a, "admin", "it-admin-password");
        String hall = "rv-" + UUID.randomUUID().toString().substring(0, 6);
        send(a, "POST", "/api/v1/halls", admin, "{\"code\":\"" + hall + "\",\"name\":\"IT hall\"}", 201);
        String created = send(a, "POST", "/api/v1/devices", admin, "{\"name\":\"k\",\"role\":\"kiosk\",\"hall\":\"" + hall + "\"}", 201);
        String id = created.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        String kiosk = created.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        send(b, "GET", "/api/v1/auth/me", kiosk, null, 200);
        send(a, "DELETE", "/api/v1/devices/" + id, admin, null, 204);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(2));
        int status = 200;
        while (status != 401 && Instant.now().isBefore(deadline)) {
            status = http.send(HttpRequest.newBuilder(b.resolve("/api/v1/auth/me")).header("Authorization", "Bearer " + kiosk).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        }
        assertThat(status).as("instance B refuses the token revoked through A within 2 s").isEqualTo(401);
    }

    @Test
    void aCardChangeFiresOnceWithinTwoSecondsWithBothInstancesSweeping() throws Exception {
        String admin = token(a, "admin", "it-admin-password");
        String hall = "sla-" + UUID.randomUUID().toString().substring(0, 6);
        String item = "IT-" + UUID.randomUUID().toString().substring(0, 6);
        send(a, "POST", "/api/v1/halls", admin, "{\"code\":\"" + hall + "\",\"name\":\"IT hall\"}", 201);
        send(a, "POST", "/api/v1/items", admin, "{\"code\":\"" + item + "\",\"name\":\"事项\",\"department\":\"部门\",\"level\":\"CITY\","
                + "\"category\":\"TIME_LIMITED\",\"committedLimit\":5,\"statutoryLimit\":20,\"onlineCapable\":false}", 201);
        String id = send(b, "POST", "/api/v1/cases", admin, "{\"itemCode\":\"" + item + "\",\"hall\":\"" + hall + "\",\"channel\":\"WINDOW\"}", 201)
                .replaceAll("^\\{\"id\":\"([^\"]+)\".*", "$1");
        // the case turns RED two seconds from now: stored dues and the index entry, as a move would leave them
        Instant due = Instant.now().plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, USER, PASSWORD);
             var update = c.prepareStatement("update service_case set committed_due = ?, yellow_from = ?::timestamptz - interval '1 hour', "
                     + "statutory_due = ?::timestamptz + interval '10 days', card = 'YELLOW' where id = ?::uuid")) {
            java.sql.Timestamp at = java.sql.Timestamp.from(due);
            update.setTimestamp(1, at);
            update.setTimestamp(2, at);
            update.setTimestamp(3, at);
            update.setString(4, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        String key = "siban:sla:{s" + Math.floorMod(UUID.fromString(id).hashCode(), 16) + "}:next";
        try (SseClient onA = new SseClient(a.resolve("/api/v1/halls/" + hall + "/stream/staff"), null, Map.of("Authorization", "Bearer " + admin))) {
            assertThat(onA.status(WAIT)).isEqualTo(200);
            assertThat(RedisServer.command("ZADD", key, Long.toString(due.toEpochMilli()), id)).isEqualTo(":0");
            SseClient.Event red = onA.next("sla.card", WAIT);
            assertThat(red).isNotNull();
            assertThat(red.data()).contains("\"card\":\"RED\"").contains(id);
            assertThat(onA.next("sla.card", Duration.ofSeconds(2))).as("announced once").isNull();
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, USER, PASSWORD);
             var query = c.prepareStatement("select card, extract(epoch from at - due_at) from case_card_change where case_id = ?::uuid")) {
            query.setString(1, id);
            var rows = query.executeQuery();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("RED");
            assertThat(rows.getDouble(2)).as("seconds after the instant").isBetween(0.0, 2.0);
            assertThat(rows.next()).as("recorded once").isFalse();
        }
    }

    @Test
    void aBoardSurvivesARestartOfItsServerAndCatchesUp() throws Exception {
        String admin = token(a, "admin", "it-admin-password");
        String hall = "rs-" + UUID.randomUUID().toString().substring(0, 6);
        String kiosk = openHall(admin, hall);
        send(a, "POST", "/api/v1/staff", admin, "{\"username\":\"rs-clerk-" + hall + "\",\"password\":\"rs-clerk-password\","
                + "\"roles\":[\"clerk\"],\"halls\":[\"" + hall + "\"],\"windows\":[1]}", 201);
        String clerk = token(b, "rs-clerk-" + hall, "rs-clerk-password");

        org.openqa.selenium.WebDriver board = io.siban.support.Browser.open(1920, 1080);
        try {
            board.get(a.resolve("/board/" + hall).toString());
            var wait = new org.openqa.selenium.support.ui.WebDriverWait(board, Duration.ofSeconds(60));
            wait.until(d -> !d.findElements(org.openqa.selenium.By.cssSelector("#queues tr[data-queue='A']")).isEmpty());
            send(b, "POST", "/api/v1/halls/" + hall + "/tickets", kiosk, "{\"queueCode\":\"A\",\"channel\":\"KIOSK\"}", 201);
            wait.until(d -> "1".equals(d.findElement(org.openqa.selenium.By.cssSelector("#queues tr[data-queue='A'] .waiting")).getText()));

            restartA();
            send(b, "POST", "/api/v1/halls/" + hall + "/tickets", kiosk, "{\"queueCode\":\"A\",\"channel\":\"KIOSK\"}", 201);
            String number = send(b, "POST", "/api/v1/halls/" + hall + "/windows/1/call-next", clerk, null, 200)
                    .replaceAll(".*\"number\":\"([^\"]+)\".*", "$1");
            finishRestartA();

            wait.until(d -> number.equals(d.findElement(org.openqa.selenium.By.id("latest-number")).getText()));
            @SuppressWarnings("unchecked")
            List<String> announced = (List<String>) ((org.openqa.selenium.JavascriptExecutor) board).executeScript("return window.__announcements;");
            assertThat(announced).containsExactly("请 " + number + " 号到 1 号窗口办理");
        } finally {
            board.quit();
        }
    }

    @Test
    void theKpiRollupsEqualARecountAfterAnInstanceIsKilledMidWork() throws Exception {
        String admin = token(a, "admin", "it-admin-password");
        String hall = "kr-" + UUID.randomUUID().toString().substring(0, 6);
        String kiosk = openHall(admin, hall);
        send(a, "POST", "/api/v1/staff", admin, "{\"username\":\"kr-clerk-" + hall + "\",\"password\":\"kr-clerk-password\","
                + "\"roles\":[\"clerk\"],\"halls\":[\"" + hall + "\"],\"windows\":[1]}", 201);
        String clerk = token(b, "kr-clerk-" + hall, "kr-clerk-password");
        String ticket = "{\"queueCode\":\"A\",\"channel\":\"KIOSK\"}";
        for (int i = 0; i < 6; i++) {
            send(i % 2 == 0 ? a : b, "POST", "/api/v1/halls/" + hall + "/tickets", kiosk, ticket, 201);
        }
        serve(a, clerk, hall, 2);
        // A is killed (no shutdown) while both instances issue: what it committed but did not number or count
        // is numbered and counted by B or by A's restart, once
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread issuing = new Thread(() -> {
            try {
                for (int i = 0; i < 30; i++) {
                    send(b, "POST", "/api/v1/halls/" + hall + "/tickets", kiosk, ticket, 201);
                }
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        issuing.start();
        for (int i = 0; i < 10; i++) {
            send(a, "POST", "/api/v1/halls/" + hall + "/tickets", kiosk, ticket, 201);
        }
        Process killed = instances.get(0);
        killed.destroyForcibly();
        killed.waitFor();
        issuing.join();
        assertThat(failed.get()).as("tickets issued through B meanwhile").isNull();
        serve(b, clerk, hall, 3);
        Process again = launch(RedisServer.url(), "a-after-kill", a.getPort());
        instances.set(instances.indexOf(killed), again);
        awaitReady(a);
        send(a, "POST", "/api/v1/halls/" + hall + "/tickets", kiosk, ticket, 201);
        serve(a, clerk, hall, 1);

        Instant deadline = Instant.now().plus(WAIT);
        while (single("select count(*) from event_outbox where hall_code = ? and seq is null", hall)
                + single("select count(*) from kpi_behind where hall_code = ?", hall) > 0) {
            assertThat(Instant.now()).as("events numbered and counted").isBefore(deadline);
            Thread.sleep(100);
        }
        assertThat(single("select count(*) from ticket where hall_code = ?", hall)).isEqualTo(47);
        assertThat(single("select coalesce(sum(issued), 0) from kpi_ticket_day where hall_code = ? and window_number >= 0", hall))
                .as("issued in the rollups").isEqualTo(47);
        assertThat(single("select coalesce(sum(issued), 0) from kpi_ticket_day where hall_code = ? and window_number = -1", hall))
                .as("issued in the hall's day rows").isEqualTo(47);
        assertThat(single("select coalesce(sum(called), 0) from kpi_ticket_day where hall_code = ? and window_number >= 0", hall))
                .as("called").isEqualTo(6);
        assertThat(single("select coalesce(sum(served), 0) from kpi_ticket_day where hall_code = ? and window_number >= 0", hall))
                .as("served").isEqualTo(6);
        assertThat(single("select coalesce(sum(count), 0) from kpi_ticket_hist where hall_code = ? and window_number >= 0 and measure = 'wait'", hall))
                .as("one wait per called ticket").isEqualTo(6);
    }

    /** Window 1 calls, starts and finishes {@code n} citizens through {@code base}. */
    private static void serve(URI base, String clerk, String hall, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            String id = send(base, "POST", "/api/v1/halls/" + hall + "/windows/1/call-next", clerk, null, 200)
                    .replaceAll("^.*?\"id\":\"([^\"]+)\".*$", "$1");
            send(base, "POST", "/api/v1/tickets/" + id + "/start", clerk, null, 200);
            send(base, "POST", "/api/v1/tickets/" + id + "/finish", clerk, "{\"outcome\":\"CONSULTATION\"}", 200);
        }
    }

    private static long single(String sql, String hall) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + database, USER, PASSWORD);
             var query = c.prepareStatement(sql)) {
            query.setString(1, hall);
            var rows = query.executeQuery();
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Process stoppedA;

    /** Stops instance A (its screens lose their stream); {@link #finishRestartA()} starts it again on the same port. */
    private static void restartA() throws Exception {
        stoppedA = instances.get(0);
        stoppedA.destroy();
        stoppedA.waitFor();
    }

    private static void finishRestartA() throws Exception {
        Process again = launch(RedisServer.url(), "a-restarted", a.getPort());
        instances.set(instances.indexOf(stoppedA), again);
        awaitReady(a);
    }

    /** A hall with queue A and open window 1, set up through both instances; emits a kiosk token for it. */
    private static String openHall(String admin, String hall) throws Exception {
        send(a, "POST", "/api/v1/halls", admin, "{\"code\":\"" + hall + "\",\"name\":\"IT hall\"}", 201);
        send(b, "POST", "/api/v1/halls/" + hall + "/queues", admin, "{\"code\":\"A\",\"prefix\":\"A\",\"name\":\"A\"}", 201);
        send(a, "POST", "/api/v1/halls/" + hall + "/windows", admin, "{\"number\":1,\"name\":\"W1\",\"queues\":[\"A\"],\"status\":\"OPEN\"}", 201);
        return send(a, "POST", "/api/v1/devices", admin, "{\"name\":\"k\",\"role\":\"kiosk\",\"hall\":\"" + hall + "\"}", 201)
                .replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    private static URI start(String redis, String name) throws IOException {
        int port = freePort();
        instances.add(launch(redis, name, port));
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Each instance's management port (health, metrics), by its HTTP port; a restart keeps both. */
    private static final java.util.Map<Integer, Integer> managementPorts = new java.util.concurrent.ConcurrentHashMap<>();

    private static Process launch(String redis, String name, int port) throws IOException {
        Integer management = managementPorts.get(port);
        if (management == null) {
            management = freePort();
            managementPorts.put(port, management);
        }
        String keys = System.getProperty("siban.test.keys", "src/test/resources/keys");
        String jar = System.getProperty("siban.app.jar", "target/quarkus-app/quarkus-run.jar");
        Path log = Path.of("target", "it-instance-" + name + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = List.of("java", "-Xmx256m",
                "-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + management, "-Dsiban.db.host=" + HOST, "-Dsiban.db.port=" + PORT,
                "-Dsiban.db.name=" + database, "-Dquarkus.datasource.username=" + USER, "-Dquarkus.datasource.password=" + PASSWORD,
                "-Dquarkus.redis.hosts=" + redis,
                "-Dmp.jwt.verify.publickey.location=file:" + new File(keys, "test-public.pem").getAbsolutePath(),
                "-Dsmallrye.jwt.sign.key.location=file:" + new File(keys, "test-private.pem").getAbsolutePath(),
                "-Dsiban.privacy.key=dGVzdC1vbmx5LWtleS1mb3Itc2liYW4tMzItYnl0ZXM=",
                "-Dsiban.security.admin-password=it-admin-password",
                "-Dsiban.security.password-iterations=1000",
                "-jar", jar);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitReady(URI base) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            try {
                URI ready = URI.create("http://" + base.getHost() + ":" + managementPorts.get(base.getPort()) + "/q/health/ready");
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(ready).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("instance at " + base + " did not become ready; see target/it-instance-*.log");
    }

    private static String token(URI base, String user, String password) throws Exception {
        return send(base, "POST", "/api/v1/auth/token", null, "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", 200)
                .replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
    }

    private static String send(URI base, String method, String path, String token, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(WAIT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + " → " + response.body()).isEqualTo(expected);
        return response.body();
    }

    private static void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + ADMIN_DB, USER, PASSWORD)) {
            c.createStatement().execute(sql);
        }
    }
}
