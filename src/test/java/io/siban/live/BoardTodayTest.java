package io.siban.live;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import io.siban.support.RedisServer;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.siban.support.Api.anonymous;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The board's figures for today follow every kind of ticket move and survive a Redis flush. */
@QuarkusTest
class BoardTodayTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void todaysFiguresCountIssuesCallsServiceNoShowsReactivationsAndCancellations() throws Exception {
        String hall = Api.hall("t-" + UUID.randomUUID().toString().substring(0, 8));
        String clerk = Api.staffToken("clerk", hall);
        String kiosk = Api.kioskToken(hall);
        String[] ids = new String[4];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = Api.kept(as(kiosk).header("Idempotency-Key", hall + "-" + i).body(Map.of("queueCode", "A", "channel", "KIOSK"))
                    .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).extract());
        }
        // neither a retry under the same key nor a refused ticket counts as issued
        as(kiosk).header("Idempotency-Key", hall + "-0").body(Map.of("queueCode", "A", "channel", "KIOSK"))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(200).body("id", equalTo(ids[0]));
        as(kiosk).body(Map.of("queueCode", "NOPE", "channel", "KIOSK")).post("/api/v1/halls/" + hall + "/tickets").then().statusCode(422);
        String served = callNext(clerk, hall, 1);
        as(clerk).post("/api/v1/tickets/" + served + "/start").then().statusCode(200);
        as(clerk).body(Map.of("outcome", "CONSULTATION")).post("/api/v1/tickets/" + served + "/finish").then().statusCode(200);
        String absent = callNext(clerk, hall, 1);
        as(clerk).post("/api/v1/tickets/" + absent + "/no-show").then().statusCode(200);
        String stillAbsent = callNext(clerk, hall, 1);
        as(clerk).post("/api/v1/tickets/" + stillAbsent + "/no-show").then().statusCode(200);
        Api.holder(absent).post("/api/v1/tickets/" + absent + "/reactivate").then().statusCode(200);
        assertThat(new String[]{served, absent, stillAbsent}).as("called first come, first served").containsExactly(ids[0], ids[1], ids[2]);
        Api.holder(ids[3]).delete("/api/v1/tickets/" + ids[3]).then().statusCode(200);

        Map<String, Long> expected = Map.of("issued", 4L, "called", 3L, "served", 1L, "noShow", 1L, "cancelled", 1L);
        JsonPath board = awaitToday(hall, expected);
        assertThat(board.getString("today.averageWait")).as("average wait over today's calls").isNotNull();
        assertThat(counted(hall)).as("the tally agrees with the tickets in PostgreSQL").isEqualTo(expected);

        RedisServer.flushAll();
        JsonPath rebuilt = anonymous().get("/api/v1/halls/" + hall + "/board").then().statusCode(200).extract().jsonPath();
        assertThat(figures(rebuilt)).as("rebuilt from PostgreSQL").isEqualTo(expected);
    }

    private static String callNext(String clerk, String hall, int window) {
        return as(clerk).post("/api/v1/halls/" + hall + "/windows/" + window + "/call-next").then().statusCode(200)
                .extract().path("id");
    }

    private static JsonPath awaitToday(String hall, Map<String, Long> expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        JsonPath board;
        do {
            board = anonymous().get("/api/v1/halls/" + hall + "/board").then().statusCode(200).extract().jsonPath();
            if (figures(board).equals(expected)) {
                return board;
            }
            Thread.sleep(50);
        } while (Instant.now().isBefore(deadline));
        assertThat(figures(board)).isEqualTo(expected);
        return board;
    }

    private static Map<String, Long> figures(JsonPath board) {
        return Map.of("issued", board.getLong("today.issued"), "called", board.getLong("today.called"),
                "served", board.getLong("today.served"), "noShow", board.getLong("today.noShow"),
                "cancelled", board.getLong("today.cancelled"));
    }

    /** The same figures counted from the tickets and their steps. */
    private static Map<String, Long> counted(String hall) throws Exception {
        try (Connection db = LocalServicesResource.connect();
             var statement = db.prepareStatement("""
                     select count(*) as issued,
                            (select count(*) from ticket_step s join ticket t on t.id = s.ticket_id
                             where t.hall_code = ? and s.step = 'CALLED') as called,
                            count(*) filter (where status = 'DONE') as served,
                            count(*) filter (where status = 'NO_SHOW') as no_show,
                            count(*) filter (where status = 'CANCELLED') as cancelled
                     from ticket where hall_code = ?""")) {
            statement.setString(1, hall);
            statement.setString(2, hall);
            try (ResultSet r = statement.executeQuery()) {
                r.next();
                return Map.of("issued", r.getLong("issued"), "called", r.getLong("called"), "served", r.getLong("served"),
                        "noShow", r.getLong("no_show"), "cancelled", r.getLong("cancelled"));
            }
        }
    }
}
