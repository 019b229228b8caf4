package io.siban.appointment;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.siban.common.Clocks;
import io.siban.support.Api;
import io.siban.support.HallClock;
import io.siban.support.LocalServicesResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Appointments over real HTTP and PostgreSQL: templates, slots on the 2026 calendar (国庆 and its 调休
 * Saturday), booking rules and the capacity race, cancelling, the kiosk check-in window on a moved clock,
 * and the missed sweep. The clock is stopped in late September 2026 so every date used is in the horizon.
 * Long because every appointment rule's HTTP test lives in this one class, so Quarkus starts once for them.
 */
@QuarkusTest
class AppointmentTest {
    /** Monday and Thursday mornings, Wednesday 09:00–10:00: the template's own hours. */
    static final Map<String, Object> WEEKLY = Map.of(
            "MONDAY", List.of(List.of("09:00", "10:00")),
            "WEDNESDAY", List.of(List.of("09:00", "10:00")),
            "THURSDAY", List.of(List.of("09:00", "10:30")));

    @Inject
    Clocks clocks;
    @Inject
    MissedAppointments missed;
    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    static String hall() {
        return Api.hall("ap-" + UUID.randomUUID().toString().substring(0, 8));
    }

    static String item() {
        String item = "AP-" + UUID.randomUUID().toString().substring(0, 6);
        as(adminToken()).body(Map.of("code", item, "name", "预约事项", "department", "测试局", "level", "CITY", "category", "IMMEDIATE",
                "statutoryLimit", 1, "onlineCapable", false, "queueCode", "A")).post("/api/v1/items").then().statusCode(201);
        return item;
    }

    static String mobileToken(String hall) {
        return as(adminToken()).body(Map.of("name", "app backend", "role", "mobile", "hall", hall))
                .post("/api/v1/devices").then().statusCode(201).extract().path("token");
    }

    static void template(String hall, String item, int minutes, int capacity) {
        as(adminToken()).body(Map.of("slotMinutes", minutes, "capacity", capacity, "weeklyHours", WEEKLY))
                .put("/api/v1/halls/" + hall + "/slot-templates/" + item).then().statusCode(200);
    }

    static ValidatableResponse book(String token, String hall, String item, String slotStart, String idNumber, String key) {
        return as(token).header("Idempotency-Key", key)
                .body(Map.of("itemCode", item, "slotStart", slotStart,
                        "applicant", Map.of("name", "张三", "idNumber", idNumber, "phone", "13812345678")))
                .post("/api/v1/halls/" + hall + "/appointments").then();
    }

    static ValidatableResponse checkIn(String hall, String code, String key) {
        return as(Api.kioskToken(hall)).header("Idempotency-Key", key).body(Map.of("channel", "APPOINTMENT", "appointmentCode", code))
                .post("/api/v1/halls/" + hall + "/tickets").then();
    }

    static ValidatableResponse slots(String hall, String item, String date) {
        return anonymous().get("/api/v1/halls/" + hall + "/slots?date=" + date + "&itemCode=" + item).then();
    }

    @Test
    void aTemplateIsCheckedFieldByFieldAndSetOnlyByTheHallsSupervisors() {
        String hall = hall();
        String item = item();
        String path = "/api/v1/halls/" + hall + "/slot-templates/" + item;
        as(adminToken()).body(Map.of("slotMinutes", 0, "capacity", -1, "weeklyHours", Map.of("FUNDAY", List.of(), "MONDAY",
                List.of(List.of("12:00", "09:00"))))).put(path).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItems("slotMinutes", "capacity", "weeklyHours.FUNDAY", "weeklyHours.MONDAY[0]"));
        as(adminToken()).body(Map.of("slotMinutes", 30, "capacity", 2)).put(path).then().statusCode(400)
                .body("violations[0].field", equalTo("weeklyHours")); // the test hall has no service hours of its own
        as(adminToken()).body(Map.of("slotMinutes", 30, "capacity", 2, "weeklyHours", WEEKLY))
                .put("/api/v1/halls/" + hall + "/slot-templates/NO-SUCH-ITEM").then().statusCode(422).body("type", endsWith("/unknown-item"));
        as(Api.staffToken("clerk", hall)).body(Map.of("slotMinutes", 30, "capacity", 2, "weeklyHours", WEEKLY)).put(path).then().statusCode(403);
        as(Api.staffToken("supervisor", hall())).body(Map.of("slotMinutes", 30, "capacity", 2, "weeklyHours", WEEKLY)).put(path)
                .then().statusCode(403);
        as(Api.staffToken("supervisor", hall)).body(Map.of("slotMinutes", 30, "capacity", 2, "weeklyHours", WEEKLY)).put(path).then()
                .statusCode(200).body("slotMinutes", equalTo(30)).body("capacity", equalTo(2));
        as(Api.staffToken("clerk", hall)).get(path).then().statusCode(200).body("weeklyHours.THURSDAY[0]", contains("09:00", "10:30"));
        as(adminToken()).delete(path).then().statusCode(204);
        as(adminToken()).get(path).then().statusCode(404);
        as(adminToken()).delete(path).then().statusCode(404);
    }

    @Test
    void slotsFollowTheHoursOnWorkingDaysOnlyAndTheMakeUpSaturdayServesMondaysHours() {
        String hall = hall();
        String item = item();
        template(hall, item, 30, 3);
        HallClock.at(clocks, "2026-09-30T08:00:00");
        slots(hall, item, "2026-10-07").statusCode(200).body("$", empty()); // a Wednesday of 国庆
        slots(hall, item, "2026-10-08").statusCode(200).body("start", contains("2026-10-08T09:00:00+08:00", "2026-10-08T09:30:00+08:00",
                "2026-10-08T10:00:00+08:00")).body("[0].end", equalTo("2026-10-08T09:30:00+08:00")).body("[0].capacity", equalTo(3))
                .body("[0].booked", equalTo(0));
        slots(hall, item, "2026-10-10").statusCode(200).body("start", contains("2026-10-10T09:00:00+08:00", "2026-10-10T09:30:00+08:00"));
        slots(hall, item, "2026-10-11").statusCode(200).body("$", empty()); // an ordinary Sunday
        slots(hall, item, "2026-09-29").statusCode(200).body("$", empty()); // the past
        slots(hall, item, "2026-10-14").statusCode(200).body("$", hasSize(2)); // the 14th day ahead: the horizon's last
        slots(hall, item, "2026-10-15").statusCode(200).body("$", empty()); // a Thursday past the horizon
        slots(hall, item, "2026-13-01").statusCode(400).body("violations[0].field", equalTo("date"));
        anonymous().get("/api/v1/halls/" + hall + "/slots?date=2026-10-08").then().statusCode(400).body("violations[0].field", equalTo("itemCode"));
        HallClock.at(clocks, "2026-10-08T09:10:00");
        slots(hall, item, "2026-10-08").statusCode(200).body("start", contains("2026-10-08T09:30:00+08:00", "2026-10-08T10:00:00+08:00"));
    }

    @Test
    void twoHundredParallelBookingsForTenPlacesBookExactlyTen() throws Exception {
        String hall = hall();
        String item = item();
        template(hall, item, 30, 10);
        HallClock.at(clocks, "2026-10-01T08:00:00");
        String mobile = mobileToken(hall);
        String body = "{\"itemCode\":\"" + item + "\",\"slotStart\":\"2026-10-08T09:00:00+08:00\","
                + "\"applicant\":{\"name\":\"李四\",\"idNumber\":\"%s\"}}";
        List<Callable<HttpResponse<String>>> tasks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = "62010219900101" + String.format("%04d", i);
            tasks.add(() -> http.send(HttpRequest.newBuilder(base.resolve("/api/v1/halls/" + hall + "/appointments"))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + mobile).header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString()).POST(HttpRequest.BodyPublishers.ofString(body.formatted(id)))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = parallel(32, tasks);
        assertThat(answers.stream().filter(r -> r.statusCode() == 201)).hasSize(10);
        assertThat(answers.stream().filter(r -> r.statusCode() == 422 && r.body().contains("/slot-full"))).hasSize(190);
        assertThat(count("select count(*) from appointment where hall_code = ? and status = 'BOOKED'", hall)).isEqualTo(10);
        assertThat(count("select booked from appointment_slot where hall_code = ?", hall)).isEqualTo(10);
        slots(hall, item, "2026-10-08").body("[0].booked", equalTo(10)).body("[1].booked", equalTo(0));
    }

    @Test
    void oneBookingPerIdNumberItemAndDayRetriesGiveTheSameBookingAndTheCodeCancels() {
        String hall = hall();
        String item = item();
        template(hall, item, 30, 5);
        HallClock.at(clocks, "2026-10-01T08:00:00");
        String mobile = mobileToken(hall);
        String key = UUID.randomUUID().toString();
        var first = book(mobile, hall, item, "2026-10-08T09:00:00+08:00", "620102199001011234", key).statusCode(201)
                .body("status", equalTo("BOOKED")).body("code", matchesPattern("[2-9A-HJKMNP-Z]{8}"))
                .body("slotEnd", equalTo("2026-10-08T09:30:00+08:00")).body("applicant.idNumber", equalTo("620102********1234"))
                .extract();
        String id = first.path("id");
        String code = first.path("code");
        book(mobile, hall, item, "2026-10-08T09:00:00+08:00", "620102199001011234", key).statusCode(200)
                .body("id", equalTo(id)).body("code", equalTo(code));
        book(mobile, hall, item, "2026-10-08T09:30:00+08:00", "620102199001011234", key).statusCode(422)
                .body("type", endsWith("/idempotency-key-reused"));
        book(mobile, hall, item, "2026-10-08T09:30:00+08:00", "620102199001011234", UUID.randomUUID().toString()).statusCode(422)
                .body("type", endsWith("/already-booked"));
        book(mobile, hall, item, "2026-10-12T09:00:00+08:00", "620102199001011234", UUID.randomUUID().toString()).statusCode(201);
        book(mobile, hall, item, "2026-10-08T09:10:00+08:00", "620102199001015678", UUID.randomUUID().toString()).statusCode(400)
                .body("violations[0].field", equalTo("slotStart"));
        book(mobile, hall, item, "2026-10-07T09:00:00+08:00", "620102199001015678", UUID.randomUUID().toString()).statusCode(400)
                .body("violations[0].field", equalTo("slotStart")); // 国庆
        as(mobile).body(Map.of("itemCode", item, "slotStart", "2026-10-08T09:00:00+08:00", "applicant", Map.of("name", "王五",
                "idNumber", "620102199001015678"))).post("/api/v1/halls/" + hall + "/appointments").then().statusCode(400)
                .body("violations[0].field", equalTo("Idempotency-Key"));
        book(mobileToken(hall()), hall, item, "2026-10-08T09:00:00+08:00", "620102199001015678", UUID.randomUUID().toString())
                .statusCode(403);

        anonymous().get("/api/v1/appointments/" + id + "?code=" + code.toLowerCase()).then().statusCode(200)
                .body("status", equalTo("BOOKED")).body("code", equalTo(code));
        anonymous().delete("/api/v1/appointments/" + id + "?code=ABCDEFGH").then().statusCode(404);
        anonymous().delete("/api/v1/appointments/" + UUID.randomUUID() + "?code=" + code).then().statusCode(404);
        anonymous().delete("/api/v1/appointments/" + id).then().statusCode(401);
        anonymous().delete("/api/v1/appointments/" + id + "?code=" + code).then().statusCode(204);
        anonymous().delete("/api/v1/appointments/" + id + "?code=" + code).then().statusCode(204);
        anonymous().get("/api/v1/appointments/" + id + "?code=" + code).then().body("status", equalTo("CANCELLED"));
        slots(hall, item, "2026-10-08").body("[0].booked", equalTo(0));
        book(mobile, hall, item, "2026-10-08T09:30:00+08:00", "620102199001011234", UUID.randomUUID().toString()).statusCode(201);
        assertThat(count("select count(*) from event_outbox where hall_code = ? and type = 'appointment.cancelled'", hall)).isEqualTo(1);
        assertThat(count("select count(*) from event_outbox where hall_code = ? and type = 'appointment.booked' "
                + "and payload::text not like '%" + code + "%' and payload->>'slotStart' is not null", hall)).isEqualTo(3);
    }

    @Test
    void theKioskChecksInInsideTheWindowOnlyAndTheBookingIsUsedOnce() {
        String hall = hall();
        String item = item();
        template(hall, item, 30, 5);
        HallClock.at(clocks, "2026-10-01T08:00:00");
        String mobile = mobileToken(hall);
        var early = book(mobile, hall, item, "2026-10-08T10:00:00+08:00", "620102199001011234", UUID.randomUUID().toString())
                .statusCode(201).extract();
        String code = early.path("code");
        var late = book(mobile, hall, item, "2026-10-08T10:00:00+08:00", "620102199001012222", UUID.randomUUID().toString())
                .statusCode(201).extract();

        HallClock.at(clocks, "2026-10-08T09:29:59");
        checkIn(hall, code, UUID.randomUUID().toString()).statusCode(422).body("type", endsWith("/appointment-window"));
        HallClock.at(clocks, "2026-10-08T09:30:00");
        String key = UUID.randomUUID().toString();
        String ticket = checkIn(hall, code, key).statusCode(201).body("channel", equalTo("APPOINTMENT"))
                .body("priority", equalTo("APPOINTMENT")).body("itemCode", equalTo(item)).body("queue", equalTo("A"))
                .body("applicant.idNumber", equalTo("620102********1234")).body("accessKey", notNullValue()).extract().path("id");
        checkIn(hall, code, key).statusCode(200).body("id", equalTo(ticket));
        checkIn(hall, code, UUID.randomUUID().toString()).statusCode(422).body("type", endsWith("/appointment-unknown"));
        as(adminToken()).get("/api/v1/appointments/" + early.path("id")).then().statusCode(200)
                .body("status", equalTo("CHECKED_IN")).body("ticketId", equalTo(ticket)).body("missedRecently", equalTo(0));

        HallClock.at(clocks, "2026-10-08T10:15:00");
        checkIn(hall(), late.path("code"), UUID.randomUUID().toString()).statusCode(422).body("type", endsWith("/appointment-unknown"));
        checkIn(hall, late.path("code"), UUID.randomUUID().toString()).statusCode(201);
        var later = book(mobile, hall, item, "2026-10-12T09:00:00+08:00", "620102199001014444", UUID.randomUUID().toString())
                .statusCode(201).extract();
        HallClock.at(clocks, "2026-10-12T09:15:01");
        // late: told so (take an ordinary ticket), whether or not the missed sweep has been yet
        checkIn(hall, later.path("code"), UUID.randomUUID().toString()).statusCode(422).body("type", endsWith("/appointment-window"));
        missed.missNow().await().atMost(Duration.ofSeconds(10));
        checkIn(hall, later.path("code"), UUID.randomUUID().toString()).statusCode(422).body("type", endsWith("/appointment-window"));

        // the free-form reference of old makes no APPOINTMENT ticket from nothing
        as(Api.kioskToken(hall)).body(Map.of("queueCode", "A", "channel", "APPOINTMENT", "appointmentId", "BK-20261130-0042"))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(422).body("type", endsWith("/appointment-unknown"));
        as(Api.kioskToken(hall)).body(Map.of("queueCode", "A", "channel", "KIOSK", "priority", "APPOINTMENT"))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(400).body("violations[0].field", equalTo("priority"));
        as(mobile).body(Map.of("queueCode", "A", "channel", "MOBILE")).post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201);
        as(mobile).body(Map.of("queueCode", "A", "channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets").then().statusCode(403);
        assertThat(count("select count(*) from event_outbox where hall_code = ? and type = 'appointment.checked_in' "
                + "and payload->>'ticketId' is not null", hall)).isEqualTo(2);
    }

    /** Ten kiosks scanning one code at once: the booking's row lock lets one check in; the others find it used. */
    @Test
    void parallelCheckInsOfOneCodeMakeOneTicket() throws Exception {
        String hall = hall();
        String item = item();
        template(hall, item, 30, 5);
        HallClock.at(clocks, "2026-10-01T08:00:00");
        var booked = book(mobileToken(hall), hall, item, "2026-10-08T09:00:00+08:00", "620102199001017777", UUID.randomUUID().toString())
                .statusCode(201).extract();
        HallClock.at(clocks, "2026-10-08T08:50:00");
        String kiosk = Api.kioskToken(hall);
        String body = "{\"channel\":\"APPOINTMENT\",\"appointmentCode\":\"" + booked.path("code") + "\"}";
        List<Callable<HttpResponse<String>>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tasks.add(() -> http.send(HttpRequest.newBuilder(base.resolve("/api/v1/halls/" + hall + "/tickets"))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + kiosk).header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = parallel(10, tasks);
        assertThat(answers.stream().filter(r -> r.statusCode() == 201)).hasSize(1);
        assertThat(answers.stream().filter(r -> r.statusCode() == 422 && r.body().contains("/appointment-unknown"))).hasSize(9);
        assertThat(count("select count(*) from ticket where hall_code = ? and channel = 'APPOINTMENT' and appointment_id = '"
                + booked.path("id") + "'", hall)).isEqualTo(1);
    }

    @Test
    void aBookingNotCheckedInByTheWindowsEndIsMissedOnceAndCountedForItsApplicant() {
        String hall = hall();
        String item = item();
        template(hall, item, 30, 5);
        HallClock.at(clocks, "2026-10-01T08:00:00");
        String mobile = mobileToken(hall);
        String id = book(mobile, hall, item, "2026-10-08T09:00:00+08:00", "620102199001013333", UUID.randomUUID().toString())
                .statusCode(201).extract().path("id");
        HallClock.at(clocks, "2026-10-08T09:15:00");
        missed.missNow().await().atMost(Duration.ofSeconds(10));
        as(adminToken()).get("/api/v1/appointments/" + id).then().body("status", equalTo("BOOKED"));
        HallClock.at(clocks, "2026-10-08T09:15:01");
        missed.missNow().await().atMost(Duration.ofSeconds(10));
        missed.missNow().await().atMost(Duration.ofSeconds(10));
        as(Api.staffToken("clerk", hall)).get("/api/v1/halls/" + hall + "/appointments?date=2026-10-08").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].status", equalTo("MISSED")).body("[0].missedRecently", equalTo(1))
                .body("[0].code", org.hamcrest.Matchers.nullValue());
        as(mobile).get("/api/v1/halls/" + hall + "/appointments?date=2026-10-08").then().statusCode(403);
        assertThat(count("select count(*) from event_outbox where hall_code = ? and type = 'appointment.missed'", hall)).isEqualTo(1);
        anonymous().delete("/api/v1/appointments/" + id).then().statusCode(401);
        as(adminToken()).delete("/api/v1/appointments/" + id).then().statusCode(409);
    }

    /**
     * Two halls alike, one with a booking at 09:00 in queue A: at 08:55 a walk-in behind three others waits
     * about a quarter of an hour, so the booking (checking in at 09:00 with its ten-minute head start) will be
     * ahead of it, and its estimate says so; its place in line is the same in both halls.
     */
    @Test
    void aWalkInsEstimateCountsTheBookingExpectedAheadOfIt() {
        String item = item();
        String booked = hall();
        String plain = hall();
        template(booked, item, 30, 5);
        HallClock.at(clocks, "2026-10-01T08:00:00");
        book(mobileToken(booked), booked, item, "2026-10-08T09:00:00+08:00", "620102199001016666", UUID.randomUUID().toString())
                .statusCode(201);
        HallClock.at(clocks, "2026-10-08T08:55:00");
        var withBooking = fourthWalkIn(booked);
        var without = fourthWalkIn(plain);
        assertThat(withBooking.<Integer>path("position")).isEqualTo(4).isEqualTo(without.<Integer>path("position"));
        assertThat(Duration.parse(withBooking.path("estimatedWait.p50"))).isGreaterThan(Duration.parse(without.path("estimatedWait.p50")));
        assertThat(anonymous().get("/api/v1/tickets/" + withBooking.path("id")).then().extract().<String>path("estimatedWait.p50"))
                .isEqualTo(withBooking.<String>path("estimatedWait.p50"));
    }

    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> fourthWalkIn(String hall) {
        for (int i = 0; i < 3; i++) {
            as(Api.kioskToken(hall)).body(Map.of("queueCode", "A", "channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets")
                    .then().statusCode(201);
        }
        return as(Api.kioskToken(hall)).body(Map.of("queueCode", "A", "channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets")
                .then().statusCode(201).extract();
    }

    @Test
    void everyAppointmentEndpointIsInTheOpenApiDocumentWithItsExamples() {
        io.restassured.RestAssured.given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/halls/{hall}/slot-templates/{itemCode}'.put.summary", notNullValue())
                .body("paths.'/api/v1/halls/{hall}/slot-templates/{itemCode}'.get.responses.'200'.content", notNullValue())
                .body("paths.'/api/v1/halls/{hall}/slot-templates/{itemCode}'.delete.responses.'204'", notNullValue())
                .body("paths.'/api/v1/halls/{hall}/slots'.get.responses.'200'.content", notNullValue())
                .body("paths.'/api/v1/halls/{hall}/appointments'.post.requestBody.content", notNullValue())
                .body("paths.'/api/v1/halls/{hall}/appointments'.get.responses.'200'.content", notNullValue())
                .body("paths.'/api/v1/appointments/{id}'.delete.responses.'404'", notNullValue())
                .body("paths.'/api/v1/appointments/{id}'.get.responses.'200'.content", notNullValue());
    }

    private static long count(String query, String hall) throws RuntimeException {
        try (Connection db = LocalServicesResource.connect(); var statement = db.prepareStatement(query)) {
            statement.setString(1, hall);
            ResultSet r = statement.executeQuery();
            r.next();
            return r.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> parallel(int threads, List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
