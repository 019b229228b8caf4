package io.siban.cases.sla;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.cases.CaseResourceTest;
import io.siban.common.Clocks;
import io.siban.support.Api;
import io.siban.support.RedisServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.siban.cases.CaseResourceTest.DOCUMENTS;
import static io.siban.cases.CaseResourceTest.create;
import static io.siban.cases.CaseResourceTest.item;
import static io.siban.cases.CaseResourceTest.move;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/** The live summary by intake window and by channel, counted exactly, and the same after Redis lost it. */
@QuarkusTest
class SlaSummaryByWindowAndChannelTest {
    @Inject
    Clocks clocks;
    @Inject
    CardSweeper sweeper;

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    void at(String local) {
        clocks.use(Clock.fixed(OffsetDateTime.parse(local + "+08:00").toInstant(), ZoneOffset.UTC));
    }

    static String issue(String hall) {
        return as(Api.kioskToken(hall)).body(Map.of("queueCode", "A", "channel", "KIOSK"))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).extract().path("id");
    }

    static String fromTicket(String hall, String item, String ticket, String clerk) {
        return as(clerk).body(Map.of("itemCode", item, "hall", hall, "channel", "WINDOW", "ticketId", ticket,
                "submittedDocuments", DOCUMENTS)).post("/api/v1/cases").then().statusCode(201).extract().path("id");
    }

    static void finish(String ticket, String caseId, String clerk) {
        as(clerk).body(Map.of("outcome", "CASE_ACCEPTED", "caseId", caseId)).post("/api/v1/tickets/" + ticket + "/finish").then().statusCode(200);
    }

    Map<String, Object> summary(String hall) {
        return as(Api.staffToken("supervisor", hall)).queryParam("hall", hall).get("/api/v1/sla/summary")
                .then().statusCode(200).extract().jsonPath().getMap("");
    }

    @Test
    @SuppressWarnings("unchecked")
    void casesCountByTheirIntakeWindowAndChannelAndWindowsShowTodaysTickets() {
        String hall = CaseResourceTest.hall();
        String clerk = Api.staffToken("clerk", hall);
        String limited = item("TIME_LIMITED", true, Map.of());
        at("2026-10-12T10:00:00");
        String t1 = issue(hall);
        String t2 = issue(hall);
        String t3 = issue(hall);
        String t3Number = as(clerk).get("/api/v1/tickets/" + t3).then().statusCode(200).extract().path("number");
        at("2026-10-12T10:05:00");
        as(clerk).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200);
        as(clerk).post("/api/v1/tickets/" + t1 + "/start").then().statusCode(200);
        at("2026-10-12T10:06:00");
        as(clerk).post("/api/v1/halls/" + hall + "/windows/2/call-next").then().statusCode(200);
        as(clerk).post("/api/v1/tickets/" + t2 + "/start").then().statusCode(200);
        String sameDay = fromTicket(hall, item("SAME_DAY", false, Map.of()), t2, clerk);
        at("2026-10-12T10:09:00");
        finish(t2, sameDay, clerk);
        at("2026-10-12T10:10:00");
        String atWindowOne = fromTicket(hall, limited, t1, clerk);
        finish(t1, atWindowOne, clerk);
        at("2026-10-12T10:12:00");
        as(clerk).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200);
        as(clerk).post("/api/v1/tickets/" + t3 + "/start").then().statusCode(200);
        fromTicket(hall, item("IMMEDIATE", false, Map.of()), t3, clerk);
        String withoutTicket = create(hall, limited, "WINDOW", DOCUMENTS, clerk).statusCode(201).extract().path("id");
        move(withoutTicket, 0, Map.of("action", "REQUEST_SUPPLEMENT", "missingDocuments", List.of("营业执照")), clerk).statusCode(200);
        String online = create(hall, limited, "ONLINE", DOCUMENTS, Api.kioskToken(hall)).statusCode(201).extract().path("id");
        move(online, 0, Map.of("action", "ACCEPT"), clerk).statusCode(200);
        create(hall, limited, "MOBILE", List.of("申请书"), Api.kioskToken(hall)).statusCode(201);

        at("2026-10-12T16:30:00");
        sweeper.sweepOnce().await().atMost(Duration.ofSeconds(30));
        sweeper.sweepOnce().await().atMost(Duration.ofSeconds(30));
        Map<String, Object> summary = summary(hall);

        assertThat((Map<String, Object>) summary.get("total")).as("the immediate case is red, the same-day one yellow")
                .isEqualTo(Map.of("open", 5, "paused", 1, "yellow", 1, "red", 1, "legalBreach", 0));
        Map<String, Object> byChannel = (Map<String, Object>) summary.get("byChannel");
        assertThat(byChannel.get("WINDOW")).isEqualTo(Map.of("open", 4, "paused", 1, "yellow", 1, "red", 1, "legalBreach", 0));
        assertThat(byChannel.get("ONLINE")).isEqualTo(Map.of("open", 1, "paused", 0, "yellow", 0, "red", 0, "legalBreach", 0));
        assertThat(byChannel.get("MOBILE")).as("submitted, not accepted: not open")
                .isEqualTo(Map.of("open", 0, "paused", 0, "yellow", 0, "red", 0, "legalBreach", 0));
        assertThat(byChannel).containsKey("SELF_SERVICE");
        Map<String, Object> windowOne = new java.util.HashMap<>();
        windowOne.put("hall", hall);
        windowOne.put("window", 1);
        windowOne.put("name", "Window 1");
        windowOne.putAll(Map.of("open", 2, "paused", 0, "yellow", 0, "red", 1, "legalBreach", 0));
        windowOne.put("nowServing", t3Number);
        windowOne.put("servedToday", 1);
        windowOne.put("averageServiceSecondsToday", 300);
        Map<String, Object> windowTwo = new java.util.HashMap<>();
        windowTwo.put("hall", hall);
        windowTwo.put("window", 2);
        windowTwo.put("name", "Window 2");
        windowTwo.putAll(Map.of("open", 1, "paused", 0, "yellow", 1, "red", 0, "legalBreach", 0));
        windowTwo.put("nowServing", null);
        windowTwo.put("servedToday", 1);
        windowTwo.put("averageServiceSecondsToday", 180);
        assertThat((List<Object>) summary.get("byWindow")).containsExactly(windowOne, windowTwo);

        RedisServer.flushAll();
        assertThat(summary(hall)).as("recounted from PostgreSQL after a flush").isEqualTo(summary);
        sweeper.sweepOnce().await().atMost(Duration.ofSeconds(30));
        assertThat(summary(hall)).as("and after the index is rebuilt").isEqualTo(summary);
    }

    @Test
    void aWindowWithoutCasesOrTicketsTodayShowsZerosAndTheNextDayStartsAgain() {
        String hall = CaseResourceTest.hall();
        String clerk = Api.staffToken("clerk", hall);
        at("2026-10-12T10:00:00");
        String t1 = issue(hall);
        as(clerk).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200);
        as(clerk).post("/api/v1/tickets/" + t1 + "/start").then().statusCode(200);
        at("2026-10-12T10:04:00");
        as(clerk).body(Map.of("outcome", "CONSULTATION")).post("/api/v1/tickets/" + t1 + "/finish").then().statusCode(200);
        as(Api.staffToken("supervisor", hall)).queryParam("hall", hall).get("/api/v1/sla/summary").then().statusCode(200)
                .body("byWindow.size()", org.hamcrest.Matchers.equalTo(2))
                .body("byWindow[0].servedToday", org.hamcrest.Matchers.equalTo(1))
                .body("byWindow[0].averageServiceSecondsToday", org.hamcrest.Matchers.equalTo(240))
                .body("byWindow[1].servedToday", org.hamcrest.Matchers.equalTo(0))
                .body("byWindow[1].open", org.hamcrest.Matchers.equalTo(0))
                .body("byWindow[1].averageServiceSecondsToday", org.hamcrest.Matchers.nullValue());
        at("2026-10-13T10:00:00");
        as(Api.staffToken("supervisor", hall)).queryParam("hall", hall).get("/api/v1/sla/summary").then().statusCode(200)
                .body("byWindow[0].servedToday", org.hamcrest.Matchers.equalTo(0));
    }
}
