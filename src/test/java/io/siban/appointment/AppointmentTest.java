package io.siban.appointment;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.siban.appointment.dto.BookingRequest;
import io.siban.common.Clocks;
import io.siban.common.PersonalData;
import io.siban.queue.dto.IssueRequest;
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
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;
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
        // a backend sized for a rush: its requests a minute are not what is tested here
        String mobile = as(adminToken()).body(Map.of("name", "busy backend", "role", "mobile", "hall", hall, "ticketsPerMinute", 1_000_000))
                .post("/api/v1/devices").then().statusCode(201).extract().path("token");
        String body = "{\"itemCode\":\"" + item + "\",\"slotStart\":\"2026-10-08T09:00:00+08:00\","
                + "\"applicant\":{\"name\":\"李四\",\"idNumber\":\"%s\"}}";
        List<Callable<HttpResponse<String>>> tasks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String body17 = "6201021990010" + String.format("%04d", i);
            String id = body17 + PersonalData.idCheckCharacter(body17);
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
    void oneBookingPerIdNumberItemAndDayRetriesGiveTheSameBookingAndTheCodeCancels() throws Exception {
        String hall = hall();
        String item = item();
        template(hall, item, 30, 5);
        HallClock.at(clocks, "2026-10-01T08:00:00");
        String mobile = mobileToken(hall);
        String key = UUID.randomUUID().toString();
        var first = book(mobile, hall, item, "2026-10-08T09:00:00+08:00", "620102199001011233", key).statusCode(201)
                .body("status", equalTo("BOOKED")).body("code", matchesPattern("[2-9A-HJKMNP-Z]{8}"))
                .body("slotEnd", equalTo("2026-10-08T09:30:00+08:00")).body("applicant.idNumber", equalTo("620102********1233"))
                .extract();
        String id = first.path("id");
        String code = first.path("code");
        book(mobile, hall, item, "2026-10-08T09:00:00+08:00", "620102199001011233", key).statusCode(200)
                .body("id", equalTo(id)).body("code", equalTo(code));
        book(mobile, hall, item, "2026-10-08T09:30:00+08:00", "620102199001011233", key).statusCode(422)
                .body("type", endsWith("/idempotency-key-reused"));
        book(mobile, hall, item, "2026-10-08T09:30:00+08:00", "620102199001011233", UUID.randomUUID().toString()).statusCode(422)
                .body("type", endsWith("/already-booked"));
        // the same ID number written with dashes, spaces or a small x is the same person
        book(mobile, hall, item, "2026-10-08T09:30:00+08:00", "620102-19900101-1233", UUID.randomUUID().toString()).statusCode(422)
                .body("type", endsWith("/already-booked"));
        book(mobile, hall, item, "2026-10-08T09:30:00+08:00", " 620102 199001011233 ", UUID.randomUUID().toString()).statusCode(422)
                .body("type", endsWith("/already-booked"));
        book(mobile, hall, item, "2026-10-08T09:30:00+08:00", "620102199001011234", UUID.randomUUID().toString()).statusCode(400)
                .body("violations[0].field", equalTo("applicant.idNumber")); // wrong check character
        for (String absurd : List.of("+999999999-12-31T23:59:59-18:00", "-999999999-01-01T00:00:00+18:00", "1999-12-31T09:00:00+08:00")) {
            book(mobile, hall, item, absurd, "620102199001015672", UUID.randomUUID().toString()).statusCode(400)
                    .contentType("application/problem+json").body("violations[0].field", equalTo("slotStart"));
        }
        book(mobile, hall, item, "2026-10-12T09:00:00+08:00", "620102199001011233", UUID.randomUUID().toString()).statusCode(201);
        book(mobile, hall, item, "2026-10-08T09:10:00+08:00", "620102199001015672", UUID.randomUUID().toString()).statusCode(400)
                .body("violations[0].field", equalTo("slotStart"));
        book(mobile, hall, item, "2026-10-07T09:00:00+08:00", "620102199001015672", UUID.randomUUID().toString()).statusCode(400)
                .body("violations[0].field", equalTo("slotStart")); // 国庆
        as(mobile).body(Map.of("itemCode", item, "slotStart", "2026-10-08T09:00:00+08:00", "applicant", Map.of("name", "王五",
                "idNumber", "620102199001015672"))).post("/api/v1/halls/" + hall + "/appointments").then().statusCode(400)
                .body("violations[0].field", equalTo("Idempotency-Key"));
        book(mobileToken(hall()), hall, item, "2026-10-08T09:00:00+08:00", "620102199001015672", UUID.randomUUID().toString())
                .statusCode(403);

        anonymous().get("/api/v1/appointments/" + id + "?code=" + code.toLowerCase()).then().statusCode(200)
                .body("status", equalTo("BOOKED")).body("code", equalTo(code));
        anonymous().delete("/api/v1/appointments/" + id + "?code=ABCDEFGH").then().statusCode(404);
        anonymous().delete("/api/v1/appointments/" + UUID.randomUUID() + "?code=" + code).then().statusCode(404);
        anonymous().delete("/api/v1/appointments/" + id).then().statusCode(401);
        as(mobile).delete("/api/v1/appointments/" + id).then().statusCode(403); // a device without the code: known, not allowed
        as(Api.kioskToken(hall)).get("/api/v1/appointments/" + id).then().statusCode(403);
        anonymous().delete("/api/v1/appointments/" + id + "?code=" + code).then().statusCode(204);
        anonymous().delete("/api/v1/appointments/" + id + "?code=" + code).then().statusCode(204);
        anonymous().get("/api/v1/appointments/" + id + "?code=" + code).then().body("status", equalTo("CANCELLED"));
        slots(hall, item, "2026-10-08").body("[0].booked", equalTo(0));
        book(mobile, hall, item, "2026-10-08T09:30:00+08:00", "620102199001011233", UUID.randomUUID().toString()).statusCode(201);
        assertThat(count("select count(*) from event_outbox where hall_code = ? and type = 'appointment.cancelled'", hall)).isEqualTo(1);
        // the request's fingerprint is keyed: a dump cannot try ID numbers against a plain SHA-256 of the request
        String plain = sha256(hall + "|" + json.writeValueAsString(new BookingRequest(item, "2026-10-08T09:00:00+08:00",
                new IssueRequest.Applicant("张三", "620102199001011233", "13812345678"))));
        assertThat(count("select count(*) from appointment where hall_code = ? and request_hash = '" + plain + "'", hall)).isZero();
        assertThat(count("select count(*) from appointment where hall_code = ? and id = '" + id + "' and length(request_hash) = 64", hall))
                .isEqualTo(1);
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
        var early = book(mobile, hall, item, "2026-10-08T10:00:00+08:00", "620102199001011233", UUID.randomUUID().toString())
                .statusCode(201).extract();
        String code = early.path("code");
        var late = book(mobile, hall, item, "2026-10-08T10:00:00+08:00", "620102199001012228", UUID.randomUUID().toString())
                .statusCode(201).extract();

        HallClock.at(clocks, "2026-10-08T09:29:59");
        checkIn(hall, code, UUID.randomUUID().toString()).statusCode(422).body("type", endsWith("/appointment-window"))
                .body("slotStart", equalTo("2026-10-08T10:00:00+08:00")).body("checkInOpens", equalTo("2026-10-08T09:30:00+08:00"))
                .body("checkInCloses", equalTo("2026-10-08T10:15:00+08:00"));
        HallClock.at(clocks, "2026-10-08T09:30:00");
        String key = UUID.randomUUID().toString();
        String ticket = checkIn(hall, code, key).statusCode(201).body("channel", equalTo("APPOINTMENT"))
                .body("priority", equalTo("APPOINTMENT")).body("itemCode", equalTo(item)).body("queue", equalTo("A"))
                .body("applicant.idNumber", equalTo("620102********1233")).body("accessKey", notNullValue()).extract().path("id");
        checkIn(hall, code, key).statusCode(200).body("id", equalTo(ticket));
        checkIn(hall, code, UUID.randomUUID().toString()).statusCode(422).body("type", endsWith("/appointment-unknown"));
        as(adminToken()).get("/api/v1/appointments/" + early.path("id")).then().statusCode(200)
                .body("status", equalTo("CHECKED_IN")).body("ticketId", equalTo(ticket)).body("missedRecently", equalTo(0));

        HallClock.at(clocks, "2026-10-08T10:15:00");
        checkIn(hall(), late.path("code"), UUID.randomUUID().toString()).statusCode(422).body("type", endsWith("/appointment-unknown"));
        checkIn(hall, late.path("code"), UUID.randomUUID().toString()).statusCode(201);
        var later = book(mobile, hall, item, "2026-10-12T09:00:00+08:00", "620102199001014442", UUID.randomUUID().toString())
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
        var booked = book(mobileToken(hall), hall, item, "2026-10-08T09:00:00+08:00", "620102199001017774", UUID.randomUUID().toString())
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

    /** A hall serving 09:00–12:00 on weekdays and closed on 2026-10-12: a template's 07:00 start is clipped, the closure has no slots. */
    @Test
    void aTemplatesSlotsLieInTheHallsHoursAndACheckInBeforeOpeningIsLetIn() {
        String hall = hall();
        String item = item();
        Map<String, Object> weekdays = new java.util.LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            weekdays.put(day, List.of(List.of("09:00", "12:00")));
        }
        as(adminToken()).body(Map.of("weeklyHours", weekdays, "exceptions", Map.of("2026-10-12", List.of())))
                .put("/api/v1/halls/" + hall + "/service-hours").then().statusCode(200);
        Map<String, Object> early = Map.of("THURSDAY", List.of(List.of("07:00", "10:00")), "MONDAY", List.of(List.of("09:00", "10:00")));
        as(adminToken()).body(Map.of("slotMinutes", 30, "capacity", 2, "weeklyHours", early))
                .put("/api/v1/halls/" + hall + "/slot-templates/" + item).then().statusCode(200);
        HallClock.at(clocks, "2026-10-01T08:00:00");
        slots(hall, item, "2026-10-08").statusCode(200).body("start", contains("2026-10-08T09:00:00+08:00", "2026-10-08T09:30:00+08:00"));
        slots(hall, item, "2026-10-12").statusCode(200).body("$", empty());
        String mobile = mobileToken(hall);
        book(mobile, hall, item, "2026-10-08T07:00:00+08:00", "620102199001015672", UUID.randomUUID().toString()).statusCode(400)
                .body("violations[0].field", equalTo("slotStart"));
        String code = book(mobile, hall, item, "2026-10-08T09:00:00+08:00", "620102199001015672", UUID.randomUUID().toString())
                .statusCode(201).extract().path("code");

        HallClock.at(clocks, "2026-10-08T08:30:00"); // the hall opens at 09:00; the booking's window at 08:30
        checkIn(hall, code, UUID.randomUUID().toString()).statusCode(201).body("channel", equalTo("APPOINTMENT"));
        as(Api.kioskToken(hall)).header("Idempotency-Key", UUID.randomUUID().toString()).body(Map.of("queueCode", "A", "channel", "KIOSK"))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(422).body("type", endsWith("/hall-closed"));
    }

    /** Counters are kept per slot start: the slot length may change only once no booking on the old slots is still to come. */
    @Test
    void theSlotLengthStaysWhileBookingsOnItsSlotsAreToCome() {
        String hall = hall();
        String item = item();
        template(hall, item, 30, 1);
        HallClock.at(clocks, "2026-10-01T08:00:00");
        String mobile = mobileToken(hall);
        var booked = book(mobile, hall, item, "2026-10-08T09:00:00+08:00", "620102199001015672", UUID.randomUUID().toString())
                .statusCode(201).extract();
        String path = "/api/v1/halls/" + hall + "/slot-templates/" + item;
        as(adminToken()).body(Map.of("slotMinutes", 60, "capacity", 1, "weeklyHours", WEEKLY)).put(path).then().statusCode(409);
        as(adminToken()).body(Map.of("slotMinutes", 30, "capacity", 2, "weeklyHours", WEEKLY)).put(path).then().statusCode(200);
        anonymous().delete("/api/v1/appointments/" + booked.path("id") + "?code=" + booked.path("code")).then().statusCode(204);
        as(adminToken()).body(Map.of("slotMinutes", 60, "capacity", 1, "weeklyHours", WEEKLY)).put(path).then().statusCode(200);
        slots(hall, item, "2026-10-08").body("start", contains("2026-10-08T09:00:00+08:00")); // 09:00–10:30 holds one hour
    }

    /** A mobile backend's bookings count against its device's requests a minute, as its tickets do. */
    @Test
    void aDevicesBookingsAreLimitedLikeItsTickets() {
        String hall = hall();
        String item = item();
        template(hall, item, 30, 5);
        HallClock.at(clocks, "2026-10-01T08:00:00");
        String mobile = as(adminToken()).body(Map.of("name", "slow backend", "role", "mobile", "hall", hall, "ticketsPerMinute", 2))
                .post("/api/v1/devices").then().statusCode(201).extract().path("token");
        book(mobile, hall, item, "2026-10-08T09:00:00+08:00", "620102199001015672", UUID.randomUUID().toString()).statusCode(201);
        book(mobile, hall, item, "2026-10-08T09:00:00+08:00", "620102199001012228", UUID.randomUUID().toString()).statusCode(201);
        book(mobile, hall, item, "2026-10-08T09:00:00+08:00", "620102199001014442", UUID.randomUUID().toString()).statusCode(429)
                .header("Retry-After", notNullValue());
        assertThat(count("select count(*) from appointment where hall_code = ?", hall)).isEqualTo(2);
    }

    /** The mobile backend reads slots for all its users from one address: its reads are counted per token, not per address. */
    @Test
    void aMobileBackendsSlotReadsAreCountedPerTokenNotPerAddress() {
        String hall = hall();
        String item = item();
        template(hall, item, 30, 5);
        HallClock.at(clocks, "2026-10-01T08:00:00");
        String mobile = mobileToken(hall);
        for (int i = 0; i < 130; i++) { // past the 120 a minute one address may read
            as(mobile).get("/api/v1/halls/" + hall + "/slots?date=2026-10-08&itemCode=" + item).then().statusCode(200);
        }
    }

    /** An item served by a queue the hall lacks takes no template and no booking: its bookings could never be checked in. */
    @Test
    void anItemWhoseQueueTheHallLacksTakesNoAppointments() {
        String hall = hall();
        String item = "AP-" + UUID.randomUUID().toString().substring(0, 6);
        as(adminToken()).body(Map.of("code", item, "name", "无窗口事项", "department", "测试局", "level", "CITY", "category", "IMMEDIATE",
                "statutoryLimit", 1, "onlineCapable", false, "queueCode", "ZQ")).post("/api/v1/items").then().statusCode(201);
        as(adminToken()).body(Map.of("slotMinutes", 30, "capacity", 2, "weeklyHours", WEEKLY))
                .put("/api/v1/halls/" + hall + "/slot-templates/" + item).then().statusCode(422).body("type", endsWith("/unknown-queue"));
        HallClock.at(clocks, "2026-10-01T08:00:00");
        book(mobileToken(hall), hall, item, "2026-10-08T09:00:00+08:00", "620102199001015672", UUID.randomUUID().toString()).statusCode(422)
                .body("type", endsWith("/unknown-queue"));
    }

    /** A phone app that sends one booking twice at once, a kiosk that sends one check-in twice: the second gets the first's answer. */
    @Test
    void theSameRequestSentTwiceAtOnceGetsTheFirstOnesAnswerNotARefusal() throws Exception {
        String hall = hall();
        String item = item();
        template(hall, item, 30, 1);
        HallClock.at(clocks, "2026-10-01T08:00:00");
        String mobile = mobileToken(hall);
        List<String> codes = new ArrayList<>();
        Map<String, String> applicants = Map.of("09:00", "620102199001015672", "09:30", "620102199001012228", "10:00", "620102199001014442");
        for (var slot : applicants.entrySet()) {
            String body = "{\"itemCode\":\"" + item + "\",\"slotStart\":\"2026-10-08T" + slot.getKey() + ":00+08:00\","
                    + "\"applicant\":{\"name\":\"李四\",\"idNumber\":\"" + slot.getValue() + "\"}}";
            List<HttpResponse<String>> answers = twiceAtOnce("/api/v1/halls/" + hall + "/appointments", mobile, UUID.randomUUID().toString(), body);
            assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 200);
            assertThat(JsonPath.from(answers.get(0).body()).getString("code")).isEqualTo(JsonPath.from(answers.get(1).body()).getString("code"));
            if (!"10:00".equals(slot.getKey())) {
                codes.add(JsonPath.from(answers.get(0).body()).getString("code"));
            }
        }
        HallClock.at(clocks, "2026-10-08T09:00:00");
        String kiosk = Api.kioskToken(hall);
        for (String code : codes) {
            List<HttpResponse<String>> answers = twiceAtOnce("/api/v1/halls/" + hall + "/tickets", kiosk, UUID.randomUUID().toString(),
                    "{\"channel\":\"APPOINTMENT\",\"appointmentCode\":\"" + code + "\"}");
            assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 200);
        }
        assertThat(count("select count(*) from ticket where hall_code = ? and channel = 'APPOINTMENT'", hall)).isEqualTo(2);
    }

    static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private List<HttpResponse<String>> twiceAtOnce(String path, String token, String key, String body) throws Exception {
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        Callable<HttpResponse<String>> send = () -> {
            go.await();
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<HttpResponse<String>> one = pool.submit(send);
            Future<HttpResponse<String>> two = pool.submit(send);
            go.countDown();
            return List.of(one.get(), two.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBookingNotCheckedInByTheWindowsEndIsMissedOnceAndCountedForItsApplicant() {
        String hall = hall();
        String item = item();
        template(hall, item, 30, 5);
        HallClock.at(clocks, "2026-10-01T08:00:00");
        String mobile = mobileToken(hall);
        String id = book(mobile, hall, item, "2026-10-08T09:00:00+08:00", "620102199001013335", UUID.randomUUID().toString())
                .statusCode(201).extract().path("id");
        var lapsing = book(mobile, hall, item, "2026-10-08T09:00:00+08:00", "620102199001015672", UUID.randomUUID().toString())
                .statusCode(201).extract();
        HallClock.at(clocks, "2026-10-08T09:15:00");
        missed.missNow().await().atMost(Duration.ofSeconds(10));
        as(adminToken()).get("/api/v1/appointments/" + id).then().body("status", equalTo("BOOKED"));
        HallClock.at(clocks, "2026-10-08T09:15:01");
        // once the window has closed, before the sweep or after, a booking let lapse cannot be cancelled out of the count
        anonymous().delete("/api/v1/appointments/" + lapsing.path("id") + "?code=" + lapsing.path("code")).then().statusCode(409);
        missed.missNow().await().atMost(Duration.ofSeconds(10));
        missed.missNow().await().atMost(Duration.ofSeconds(10));
        as(Api.staffToken("clerk", hall)).get("/api/v1/halls/" + hall + "/appointments?date=2026-10-08").then().statusCode(200)
                .body("$", hasSize(2)).body("status", contains("MISSED", "MISSED")).body("[0].missedRecently", equalTo(1))
                .body("[0].code", org.hamcrest.Matchers.nullValue());
        as(mobile).get("/api/v1/halls/" + hall + "/appointments?date=2026-10-08").then().statusCode(403);
        assertThat(count("select count(*) from event_outbox where hall_code = ? and type = 'appointment.missed'", hall)).isEqualTo(2);
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
        book(mobileToken(booked), booked, item, "2026-10-08T09:00:00+08:00", "620102199001016667", UUID.randomUUID().toString())
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
