package io.siban.queue;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.common.Clocks;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** A hall's line closes with its day: tickets still waiting from a past day expire and leave the line. */
@QuarkusTest
class TicketExpiryTest {
    @Inject
    TicketExpiry expiry;
    @Inject
    Clocks clocks;

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    /**
     * The day ends at the hall's midnight (China, UTC+8), not at UTC's: at 00:00 on June 16 in the hall it
     * is still 16:00 on June 15 in UTC. A day long past is used so the sweeps touch no other test's
     * tickets. The minute's scheduled sweep reads the same clock and may expire the ticket first, so the
     * test checks the ticket, not how many tickets the explicit sweep expired.
     */
    @Test
    void theLineClosesAtTheHallsMidnightAndTheNumbersStartAgain() throws Exception {
        String hall = Api.hall("m-" + UUID.randomUUID().toString().substring(0, 8));
        String kiosk = Api.kioskToken(hall);
        at("2026-06-15T23:59:30");
        String lateEvening = issue(kiosk, hall);
        at("2026-06-15T23:59:59.999");
        expiry.expirePastDays().await().atMost(Duration.ofSeconds(10));
        anonymous().get("/api/v1/tickets/" + lateEvening).then().statusCode(200).body("status", equalTo("WAITING"));

        at("2026-06-16T00:00:00.500");
        expiry.expirePastDays().await().atMost(Duration.ofSeconds(10));
        anonymous().get("/api/v1/tickets/" + lateEvening).then().statusCode(200).body("status", equalTo("EXPIRED"));

        at("2026-06-16T00:00:01");
        String nextMorning = issue(kiosk, hall);
        expiry.expirePastDays().await().atMost(Duration.ofSeconds(10));
        anonymous().get("/api/v1/tickets/" + nextMorning).then().statusCode(200).body("status", equalTo("WAITING"))
                .body("number", equalTo("A001")).body("position", equalTo(1));
        anonymous().get("/api/v1/tickets/" + lateEvening).then().body("number", equalTo("A001"));
    }

    private void at(String hallLocalTime) {
        clocks.use(Clock.fixed(OffsetDateTime.parse(hallLocalTime + "+08:00").toInstant(), ZoneOffset.UTC));
    }

    @Test
    void ticketsStillWaitingFromAPastDayExpireAndAreNeitherCalledNorCounted() throws Exception {
        String hall = Api.hall("x-" + UUID.randomUUID().toString().substring(0, 8));
        String kiosk = Api.kioskToken(hall);
        String leftOver = issue(kiosk, hall);
        String current = issue(kiosk, hall);
        sql("update ticket set service_date = service_date - 1, issued_at = issued_at - interval '1 day', "
                + "line_key = line_key - interval '1 day' where id = '" + leftOver + "'");
        anonymous().get("/api/v1/tickets/" + current).then().statusCode(200).body("position", equalTo(2));

        expiry.expirePastDays().await().atMost(Duration.ofSeconds(10)); // or the scheduled sweep was first

        anonymous().get("/api/v1/tickets/" + leftOver).then().statusCode(200).body("status", equalTo("EXPIRED"));
        anonymous().get("/api/v1/tickets/" + current).then().statusCode(200).body("status", equalTo("WAITING"))
                .body("position", equalTo(1));
        assertThat(count("select waiting from queue_waiting where hall_code = '" + hall + "' and queue_code = 'A'"))
                .as("the waiting count follows").isEqualTo(1);
        String called = as(Api.staffToken("clerk", hall)).post("/api/v1/halls/" + hall + "/windows/1/call-next")
                .then().statusCode(200).extract().path("id");
        assertThat(called).as("the day's ticket is called, not the one left over").isEqualTo(current);
        as(Api.staffToken("clerk", hall)).delete("/api/v1/tickets/" + leftOver).then().statusCode(409);

        expiry.expirePastDays().await().atMost(Duration.ofSeconds(10));
        assertThat(count("select count(*) from ticket_history where ticket_id = '" + leftOver + "' and step = 'EXPIRED'"))
                .as("expired once, recorded with its time").isEqualTo(1);
        assertThat(count("select count(*) from event_outbox where hall_code = '" + hall + "' and type = 'ticket.expired'"))
                .as("screens are told").isEqualTo(1);
    }

    private static String issue(String kiosk, String hall) {
        return as(kiosk).body(Map.of("queueCode", "A", "channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets")
                .then().statusCode(201).extract().path("id");
    }

    private static void sql(String statement) throws Exception {
        try (Connection db = LocalServicesResource.connect(); var s = db.createStatement()) {
            assertThat(s.executeUpdate(statement)).isEqualTo(1);
        }
    }

    private static long count(String query) throws Exception {
        try (Connection db = LocalServicesResource.connect(); var s = db.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }
}
