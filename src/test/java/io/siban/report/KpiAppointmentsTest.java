package io.siban.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.siban.appointment.MissedAppointments;
import io.siban.common.Clocks;
import io.siban.support.Api;
import io.siban.support.HallClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.report.KpiReportTest.assertBlock;
import static io.siban.report.KpiReportTest.report;
import static io.siban.report.KpiReportTest.row;
import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The appointments block of the KPI report, by booking channel: on Thursday 8 October 2026 the hall's staff book
 * three 09:00 slots (one checked in, one cancelled, one missed) and a mobile backend three (one checked in, two
 * missed). Missed share is of the bookings that came due, so cancelled ones count in neither part.
 */
@QuarkusTest
class KpiAppointmentsTest {
    static final String DAY = "from=2026-10-08&to=2026-10-08";

    @Inject
    Clocks clocks;
    @Inject
    MissedAppointments missed;

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    @Test
    void bookingsAreCountedByChannelWithTheirMissedShare() {
        String hall = Api.hall("ka-" + UUID.randomUUID().toString().substring(0, 8));
        String item = "KA-" + UUID.randomUUID().toString().substring(0, 6);
        as(adminToken()).body(Map.of("code", item, "name", "预约事项", "department", "预约局", "level", "CITY", "category", "IMMEDIATE",
                "statutoryLimit", 1, "onlineCapable", false, "queueCode", "A")).post("/api/v1/items").then().statusCode(201);
        as(adminToken()).body(Map.of("slotMinutes", 30, "capacity", 10,
                        "weeklyHours", Map.of("THURSDAY", List.of(List.of("09:00", "10:00")))))
                .put("/api/v1/halls/" + hall + "/slot-templates/" + item).then().statusCode(200);
        String mobile = as(adminToken()).body(Map.of("name", "app backend", "role", "mobile", "hall", hall))
                .post("/api/v1/devices").then().statusCode(201).extract().path("token");
        String clerk = Api.staffToken("clerk", hall);
        HallClock.at(clocks, "2026-10-01T08:00:00");
        String[] staffCodes = new String[3];
        String[] staffIds = new String[3];
        String[] ids = {"620102199001011233", "620102199001012375", "620102199001013335"};
        for (int i = 0; i < 3; i++) {
            var booked = book(clerk, hall, item, ids[i]).extract();
            staffCodes[i] = booked.path("code");
            staffIds[i] = booked.path("id");
        }
        String[] mobileCodes = new String[3];
        String[] more = {"620102199001015672", "620102199001016552", "620102199001017619"};
        for (int i = 0; i < 3; i++) {
            mobileCodes[i] = book(mobile, hall, item, more[i]).extract().path("code");
        }
        Api.anonymous().delete("/api/v1/appointments/" + staffIds[1] + "?code=" + staffCodes[1]).then().statusCode(204);
        HallClock.at(clocks, "2026-10-08T09:00:00");
        for (String code : List.of(staffCodes[0], mobileCodes[0])) {
            as(Api.kioskToken(hall)).header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("channel", "APPOINTMENT", "appointmentCode", code))
                    .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201);
        }
        HallClock.at(clocks, "2026-10-08T09:15:01");
        assertThat(missed.missNow().await().atMost(Duration.ofSeconds(10))).isEqualTo(3L);

        String supervisor = Api.staffToken("supervisor", hall);
        JsonPath byChannel = report(supervisor, DAY + "&hall=" + hall + "&groupBy=channel");
        assertThat(row(byChannel, "channel", "STAFF")).containsEntry("appointments.booked", 3L).containsEntry("appointments.checkedIn", 1L)
                .containsEntry("appointments.cancelled", 1L).containsEntry("appointments.missed", 1L)
                .containsEntry("appointments.missedShare", 0.5);
        Map<String, Object> phones = row(byChannel, "channel", "MOBILE");
        assertThat(phones).containsEntry("appointments.booked", 3L).containsEntry("appointments.checkedIn", 1L)
                .containsEntry("appointments.missed", 2L).containsEntry("appointments.cancelled", 0L);
        assertThat((Double) phones.get("appointments.missedShare")).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertBlock(byChannel, "total.appointments", Map.of("booked", 6, "checkedIn", 2, "missed", 3, "cancelled", 1, "missedShare", 0.6));
        // the checked-in tickets are the APPOINTMENT channel's tickets
        assertThat(row(byChannel, "channel", "APPOINTMENT")).containsEntry("tickets.issued", 2L);

        JsonPath staffOnly = report(supervisor, DAY + "&hall=" + hall + "&channel=STAFF&groupBy=department");
        assertBlock(staffOnly, "total.appointments", Map.of("booked", 3, "missed", 1));
        assertThat(row(staffOnly, "department", "预约局")).containsEntry("appointments.booked", 3L);
        // bookings have no window: a report by window leaves the block empty rather than guessing
        JsonPath byWindow = report(supervisor, DAY + "&hall=" + hall + "&groupBy=window");
        assertThat((Object) byWindow.get("total.appointments.missedShare")).isNull();
        assertBlock(byWindow, "total.appointments", Map.of("booked", 0));
    }

    private static io.restassured.response.ValidatableResponse book(String token, String hall, String item, String idNumber) {
        return as(token).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("itemCode", item, "slotStart", "2026-10-08T09:00:00+08:00",
                        "applicant", Map.of("name", "张三", "idNumber", idNumber, "phone", "13812345678")))
                .post("/api/v1/halls/" + hall + "/appointments").then().statusCode(201);
    }
}
