package io.siban.feedback;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.cases.CaseResourceTest;
import io.siban.cases.sla.CardSweeper;
import io.siban.common.Clocks;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import io.siban.support.HallClock;
import io.siban.support.RedisServer;
import io.siban.support.SseClient;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** The 好差评 loop through the HTTP API with a moved clock: a bad rating is contacted, carded, rectified, closed or appealed away. */
@QuarkusTest
public class FeedbackLoopTest {
    @Inject
    Clocks clocks;
    @Inject
    CardSweeper sweeper;
    @Inject
    FeedbackMeters feedbackMeters;
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;
    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI base;

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    void at(String local) {
        HallClock.at(clocks, local);
    }

    static Instant local(String local) {
        return HallClock.local(local);
    }

    int sweep() {
        return sweeper.sweepOnce().await().atMost(Duration.ofSeconds(30));
    }

    static String hall() {
        return Api.hall("f-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A ticket issued, called at window 1, served and finished now; its id. */
    static String served(String hall) {
        return served(hall, Api.staffToken("clerk", hall));
    }

    /** The same, served by the holder of that token. */
    static String served(String hall, String clerk) {
        String id = Api.kept(as(Api.kioskToken(hall)).body(Map.of("queueCode", "A", "channel", "KIOSK"))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).extract());
        as(clerk).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200).body("id", equalTo(id));
        as(clerk).post("/api/v1/tickets/" + id + "/start").then().statusCode(200);
        as(clerk).body(Map.of("outcome", "CONSULTATION")).post("/api/v1/tickets/" + id + "/finish").then().statusCode(200);
        return id;
    }

    static ValidatableResponse rate(String ticket, Map<String, Object> body) {
        return Api.holder(ticket).body(body).post("/api/v1/tickets/" + ticket + "/rating").then();
    }

    static ValidatableResponse move(String id, Object version, String action, String note, String token) {
        var request = as(token);
        if (version != null) {
            request = request.header("If-Match", "\"" + version + "\"");
        }
        return request.body(note == null ? Map.of("action", action) : Map.of("action", action, "note", note))
                .post("/api/v1/rectifications/" + id + "/transitions").then();
    }

    static List<String> column(String sql, String param) throws Exception {
        try (Connection db = LocalServicesResource.connect(); var statement = db.prepareStatement(sql)) {
            statement.setString(1, param);
            ResultSet rows = statement.executeQuery();
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    static String rectificationOf(String ticket) throws Exception {
        List<String> ids = column("select r.id from rectification r join rating g on g.id = r.rating_id where g.ticket_id = ?::uuid", ticket);
        assertThat(ids).as("one rectification per bad rating").hasSize(1);
        return ids.get(0);
    }

    static List<String> cards(String rectification) throws Exception {
        return column("select card from rectification_card_change where rectification_id = ?::uuid order by id", rectification);
    }

    @Test
    void badRatingIsContactedLateGetsYellowThenRectifiedAndClosed() throws Exception {
        String hall = hall();
        String supervisor = Api.staffToken("supervisor", hall);
        at("2026-10-12T10:00:00");
        String ticket = served(hall);
        rate(ticket, Map.of("score", 1, "dimensions", Map.of("attitude", 1, "efficiency", 2), "comment", "等了很久"))
                .statusCode(200).body("rating", equalTo(1));

        List<String> tie = column("select clerk || '|' || window_number || '|' || attitude || '|' || efficiency || '|' || "
                + "coalesce(quality::text, '-') || '|' || channel from rating where ticket_id = ?::uuid", ticket);
        assertThat(tie).hasSize(1);
        assertThat(tie.get(0)).startsWith("clerk-").endsWith("|1|1|2|-|KIOSK");
        String id = rectificationOf(ticket);
        assertThat(column("select type from event_outbox where payload->>'rectificationId' = ? order by id", id))
                .containsExactly("rating.bad");

        as(supervisor).get("/api/v1/rectifications/" + id).then().statusCode(200).header("ETag", "\"0\"")
                .body("state", equalTo("OPEN")).body("card", equalTo("GREEN"))
                .body("contactDue", equalTo("2026-10-13T02:00:00Z"))
                .body("rectifyDue", containsString("2026-11-02T"))
                .body("rating.score", equalTo(1)).body("rating.window", equalTo(1)).body("rating.comment", equalTo("等了很久"))
                .body("rating.dimensions.attitude", equalTo(1)).body("rating.subject", equalTo("TICKET"))
                .body("actions", contains("CONTACT", "APPEAL"))
                .body("steps.action", contains("OPEN"));

        at("2026-10-13T09:59:59");
        sweep();
        assertThat(cards(id)).isEmpty();
        at("2026-10-13T10:00:00");
        sweep();
        assertThat(cards(id)).as("the contact due passed: yellow").containsExactly("YELLOW");
        assertThat(column("select count(*) from event_outbox where type = 'rectification.card' and payload->>'rectificationId' = ?", id))
                .containsExactly("1");
        as(supervisor).queryParam("hall", hall).queryParam("overdue", "true").get("/api/v1/rectifications").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(id)).body("items[0].contactOverdue", equalTo(true))
                .body("items[0].card", equalTo("YELLOW"));
        as(supervisor).queryParam("hall", hall).get("/api/v1/rectifications/summary").then().statusCode(200)
                .body("halls[0].open", equalTo(1)).body("halls[0].contactOverdue", equalTo(1)).body("halls[0].yellow", equalTo(1))
                .body("halls[0].red", equalTo(0)).body("halls[0].overdue", equalTo(1));

        move(id, null, "CONTACT", null, supervisor).statusCode(400).body("detail", containsString("If-Match"));
        move(id, 0, "RECTIFY", "整改", supervisor).statusCode(409).body("detail", containsString("OPEN"));
        move(id, 0, "CONTACT", "已电话回访", supervisor).statusCode(200).header("ETag", "\"1\"")
                .body("state", equalTo("CONTACTED")).body("contactedAt", equalTo("2026-10-13T02:00:00Z"))
                .body("card", equalTo("GREEN")).body("contactOverdue", equalTo(false));
        assertThat(cards(id)).as("contacted: the contact is no longer overdue").containsExactly("YELLOW", "GREEN");
        move(id, 0, "RECTIFY", "已整改", supervisor).statusCode(409).body("detail", containsString("version 1"));
        move(id, 1, "RECTIFY", " ", supervisor).statusCode(400).body("violations[0].field", equalTo("note"));
        move(id, 1, "CLOSE", null, supervisor).statusCode(409);

        at("2026-10-20T15:00:00");
        move(id, 1, "RECTIFY", "窗口已调整排班，已答复群众", supervisor).statusCode(200).body("state", equalTo("RECTIFIED"));
        move(id, 2, "CLOSE", null, supervisor).statusCode(200).body("state", equalTo("CLOSED")).body("actions", equalTo(List.of()))
                .body("steps.action", contains("OPEN", "CONTACT", "RECTIFY", "CLOSE"))
                .body("steps[2].note", equalTo("窗口已调整排班，已答复群众")).body("steps[1].actor", containsString("supervisor-"));
        move(id, 3, "APPEAL", "误评", supervisor).statusCode(409);
        assertThat(column("select string_agg(action, ',' order by id) from rectification_step where rectification_id = ?::uuid", id))
                .containsExactly("OPEN,CONTACT,RECTIFY,CLOSE");

        at("2026-12-01T10:00:00");
        sweep();
        assertThat(cards(id)).as("a closed rectification gets no card").containsExactly("YELLOW", "GREEN");
    }

    @Test
    void anUncontactedRectificationTurnsRedAtItsRectifyDue() throws Exception {
        String hall = hall();
        as(Api.staffToken("supervisor", hall)).body(Map.of("contactWorkingDays", 1, "rectifyWorkingDays", 2))
                .put("/api/v1/halls/" + hall + "/feedback").then().statusCode(200).body("rectifyWorkingDays", equalTo(2));
        at("2026-10-12T10:00:00");
        String ticket = served(hall);
        rate(ticket, Map.of("score", 2)).statusCode(200);
        String id = rectificationOf(ticket);
        as(Api.staffToken("supervisor", hall)).get("/api/v1/rectifications/" + id).then()
                .body("rectifyDue", equalTo(local("2026-10-14T17:00:00").toString()));
        at("2026-10-14T17:00:00");
        sweep();
        sweep();
        assertThat(cards(id)).containsExactly("RED");
        as(Api.staffToken("supervisor", hall)).queryParam("hall", hall).get("/api/v1/rectifications/summary").then()
                .body("halls[0].red", equalTo(1)).body("halls[0].overdue", equalTo(1));
        feedbackMeters.refresh().await().atMost(Duration.ofSeconds(10));
        assertThat(registry.get("siban.rectifications.overdue").tag("hall", hall).gauge().value()).isEqualTo(1.0);
    }

    @Test
    void anAppealIsReviewedByAnotherSupervisorAndExcludesTheRating() throws Exception {
        String hall = hall();
        String appellant = Api.staffToken("supervisor", hall);
        String reviewer = Api.staffToken("supervisor", hall, hall());
        at("2026-10-12T10:00:00");
        String ticket = served(hall);
        rate(ticket, Map.of("score", 1)).statusCode(200);
        String id = rectificationOf(ticket);

        move(id, 0, "APPEAL", null, appellant).statusCode(400).body("violations[0].field", equalTo("note"));
        move(id, 0, "EXCLUDE", "恶意", reviewer).statusCode(409);
        move(id, 0, "APPEAL", "群众误评，当日未到窗口", appellant).statusCode(200).body("state", equalTo("APPEALED"))
                .body("appealedFrom", equalTo("OPEN")).body("actions", contains("EXCLUDE", "UPHOLD"));
        move(id, 1, "EXCLUDE", "同意", appellant).statusCode(403).body("detail", containsString("another supervisor"));
        move(id, 1, "EXCLUDE", " ", reviewer).statusCode(400);
        assertThat(column("select excluded_at from rating where ticket_id = ?::uuid", ticket)).containsExactly((String) null);
        move(id, 1, "EXCLUDE", "核实为误评，不计入考核", reviewer).statusCode(200).body("state", equalTo("EXCLUDED"))
                .body("excludedAt", equalTo(local("2026-10-12T10:00:00").toString()));
        assertThat(column("select excluded_at is not null from rating where ticket_id = ?::uuid", ticket)).containsExactly("t");
        assertThat(column("select payload->>'ticketId' from event_outbox where type = 'rectification.moved' "
                + "and payload->>'rectificationId' = ? and payload->>'to' = 'EXCLUDED'", id)).containsExactly(ticket);
        move(id, 2, "UPHOLD", "x", reviewer).statusCode(409);
    }

    @Test
    void anUpheldRatingGoesBackWhereItWas() throws Exception {
        String hall = hall();
        String one = Api.staffToken("supervisor", hall);
        String admin = Api.adminToken();
        at("2026-10-12T10:00:00");
        String ticket = served(hall);
        rate(ticket, Map.of("score", 2)).statusCode(200);
        String id = rectificationOf(ticket);
        move(id, 0, "CONTACT", null, one).statusCode(200);
        move(id, 1, "APPEAL", "评价与办理无关", one).statusCode(200).body("appealedFrom", equalTo("CONTACTED"));
        move(id, 2, "UPHOLD", "评价成立，继续整改", admin).statusCode(200).body("state", equalTo("CONTACTED"))
                .body("appealedFrom", nullValue()).body("actions", hasItem("RECTIFY"));
        assertThat(column("select excluded_at from rating where ticket_id = ?::uuid", ticket)).containsExactly((String) null);
    }

    @Test
    void onlyTheHallsSupervisorsSeeOrMoveItsRectifications() throws Exception {
        String hall = hall();
        String other = hall();
        at("2026-10-12T10:00:00");
        String ticket = served(hall);
        rate(ticket, Map.of("score", 1)).statusCode(200);
        String id = rectificationOf(ticket);
        String outsider = Api.staffToken("supervisor", other);
        as(outsider).get("/api/v1/rectifications/" + id).then().statusCode(403);
        move(id, 0, "CONTACT", null, outsider).statusCode(403);
        move(id, 0, "CONTACT", null, Api.staffToken("clerk", hall)).statusCode(403);
        as(outsider).queryParam("hall", hall).get("/api/v1/rectifications").then().statusCode(403);
        as(outsider).get("/api/v1/rectifications").then().statusCode(200).body("items.id", not(hasItem(id)));
        as(outsider).queryParam("hall", hall).get("/api/v1/rectifications/summary").then().statusCode(403);
        Api.anonymous().get("/api/v1/rectifications/" + id).then().statusCode(401);
        as(outsider).body(Map.of("contactWorkingDays", 1, "rectifyWorkingDays", 5)).put("/api/v1/halls/" + hall + "/feedback")
                .then().statusCode(403);
        assertThat(column("select state from rectification where id = ?::uuid", id)).containsExactly("OPEN");
        as(Api.staffToken("supervisor", hall)).queryParam("overdue", "maybe").get("/api/v1/rectifications").then().statusCode(400)
                .body("violations[0].field", equalTo("overdue"));
        as(Api.staffToken("supervisor", hall)).body(Map.of("contactWorkingDays", 20, "rectifyWorkingDays", 5))
                .put("/api/v1/halls/" + hall + "/feedback").then().statusCode(400).body("violations[0].field", equalTo("contactWorkingDays"));
    }

    @Test
    void badRatingsAreRefusedAndChangeNothing() throws Exception {
        String hall = hall();
        at("2026-10-12T10:00:00");
        String ticket = served(hall);
        rate(ticket, Map.of("score", 0)).statusCode(400).body("violations[0].field", equalTo("score"));
        rate(ticket, Map.of("score", 5, "dimensions", Map.of("speed", 5))).statusCode(400)
                .body("violations[0].field", equalTo("dimensions.speed"));
        rate(ticket, Map.of("score", 5, "dimensions", Map.of("quality", 6))).statusCode(400)
                .body("violations[0].field", equalTo("dimensions.quality"));
        rate(ticket, Map.of("score", 5, "comment", "好".repeat(501))).statusCode(400).body("violations[0].field", equalTo("comment"));
        Api.anonymous().body(Map.of("score", 1)).post("/api/v1/tickets/" + ticket + "/rating").then().statusCode(401);
        Api.anonymous().queryParam("key", "not-the-key").body(Map.of("score", 1)).post("/api/v1/tickets/" + ticket + "/rating")
                .then().statusCode(403);
        at("2026-10-19T10:00:01");
        rate(ticket, Map.of("score", 1)).statusCode(422).body("type", containsString("rating-window-closed"));
        assertThat(column("select count(*) from rating where ticket_id = ?::uuid", ticket)).containsExactly("0");
        at("2026-10-19T10:00:00");
        rate(ticket, Map.of("score", 4)).statusCode(200);
        rate(ticket, Map.of("score", 1)).statusCode(409);
        assertThat(column("select score || '/' || count(*) over () from rating where ticket_id = ?::uuid", ticket)).containsExactly("4/1");
        assertThat(column("select count(*) from rating r join rectification x on x.rating_id = r.id where r.ticket_id = ?::uuid", ticket))
                .as("a good rating opens nothing").containsExactly("0");
    }

    @Test
    void aClosedCaseIsRatedOnceWithItsCode() throws Exception {
        String hall = hall();
        String clerk = Api.staffToken("clerk", hall);
        String reviewer = Api.staffToken("reviewer", hall);
        at("2026-10-12T10:00:00");
        var created = CaseResourceTest.create(hall, CaseResourceTest.item("TIME_LIMITED", false, Map.of()), "WINDOW",
                CaseResourceTest.DOCUMENTS, clerk).statusCode(201).extract();
        String caseId = created.path("id");
        String number = created.path("caseNumber");
        String code = created.path("verificationCode");
        String path = "/api/v1/public/cases/" + number + "/rating";
        Api.anonymous().queryParam("code", code).body(Map.of("score", 5)).post(path).then().statusCode(422)
                .body("type", containsString("case-not-closed"));
        CaseResourceTest.move(caseId, 0, Map.of("action", "START_REVIEW"), reviewer).statusCode(200);
        CaseResourceTest.move(caseId, 1, Map.of("action", "APPROVE"), reviewer).statusCode(200);

        Api.anonymous().queryParam("code", code).get("/api/v1/public/cases/" + number).then().body("rated", equalTo(false));
        String wrong = code.equals("000000") ? "111111" : "000000";
        Api.anonymous().queryParam("code", wrong).body(Map.of("score", 1)).post(path).then().statusCode(404);
        Api.anonymous().queryParam("code", code).body(Map.of("score", 9)).post(path).then().statusCode(400);
        Api.anonymous().queryParam("code", code).body(Map.of("score", 2, "dimensions", Map.of("quality", 2), "comment", "材料退回两次"))
                .post(path).then().statusCode(201).body("caseNumber", equalTo(number)).body("score", equalTo(2))
                .body("dimensions.quality", equalTo(2)).body("clerk", nullValue()).body("window", nullValue());
        Api.anonymous().queryParam("code", code).body(Map.of("score", 5)).post(path).then().statusCode(409);
        Api.anonymous().queryParam("code", code).get("/api/v1/public/cases/" + number).then().statusCode(200)
                .body("rated", equalTo(true));
        List<String> rectification = column("select x.id from rectification x join rating r on r.id = x.rating_id "
                + "where r.case_id = ?::uuid and r.subject = 'CASE'", caseId);
        assertThat(rectification).hasSize(1);
        as(Api.staffToken("supervisor", hall)).get("/api/v1/rectifications/" + rectification.get(0)).then().statusCode(200)
                .body("rating.subject", equalTo("CASE")).body("rating.caseNumber", equalTo(number))
                .body("rating.clerk", containsString("clerk-")).body("rating.department", equalTo("测试局"));
        assertThat(column("select type from event_outbox where payload->>'caseId' = ? and type like '%rated'", caseId))
                .containsExactly("case.rated");
    }

    @Test
    void countersAndCardsComeBackFromPostgresqlAfterRedisIsFlushed() throws Exception {
        String hall = hall();
        String supervisor = Api.staffToken("supervisor", hall);
        at("2026-10-12T10:00:00");
        String first = served(hall);
        String second = served(hall);
        rate(first, Map.of("score", 1)).statusCode(200);
        rate(second, Map.of("score", 2)).statusCode(200);
        String late = rectificationOf(second);
        move(rectificationOf(first), 0, "CONTACT", null, supervisor).statusCode(200);
        sweep();
        RedisServer.flushAll();
        at("2026-10-13T10:00:00");
        sweep();
        assertThat(cards(late)).as("the index was rebuilt and the due card fired").containsExactly("YELLOW");
        assertThat(cards(rectificationOf(first))).isEmpty();
        RedisServer.flushAll();
        as(supervisor).queryParam("hall", hall).get("/api/v1/rectifications/summary").then().statusCode(200)
                .body("halls[0].open", equalTo(2)).body("halls[0].contactOverdue", equalTo(1)).body("halls[0].yellow", equalTo(1))
                .body("halls[0].overdue", equalTo(1));
        List<String> recount = column("select count(*) filter (where state not in ('CLOSED', 'EXCLUDED')) || '/' || "
                + "count(*) filter (where state = 'OPEN' and contact_due <= '2026-10-13T02:00:00Z') from rectification where hall_code = ?", hall);
        assertThat(recount).containsExactly("2/1");
    }

    @Test
    void staffNeverRateAServiceAndTheRatedClerkNeverAnswersTheirOwnBadRating() throws Exception {
        String hall = hall();
        at("2026-10-12T10:00:00");
        String username = "clerk-sup-" + UUID.randomUUID().toString().substring(0, 6);
        Api.createStaff(username, "password-" + username, List.of("clerk", "supervisor"), List.of(hall));
        String servingSupervisor = Api.login(username, "password-" + username);
        String ticket = served(hall, servingSupervisor);

        as(servingSupervisor).body(Map.of("score", 5)).post("/api/v1/tickets/" + ticket + "/rating").then().statusCode(403)
                .body("detail", containsString("citizen"));
        as(Api.staffToken("supervisor", hall)).body(Map.of("score", 1)).post("/api/v1/tickets/" + ticket + "/rating").then()
                .statusCode(403);
        assertThat(column("select count(*) from rating where ticket_id = ?::uuid", ticket)).containsExactly("0");

        rate(ticket, Map.of("score", 1)).statusCode(200);
        String id = rectificationOf(ticket);
        move(id, 0, "APPEAL", "误评", servingSupervisor).statusCode(403).body("detail", containsString("others than the person"));
        move(id, 0, "CONTACT", null, servingSupervisor).statusCode(403);
        move(id, 0, "CONTACT", null, Api.staffToken("supervisor", hall)).statusCode(200);
    }

    @Test
    void theCountersFollowAContactDueThatIsNoCardInstant() throws Exception {
        String hall = hall();
        String supervisor = Api.staffToken("supervisor", hall);
        as(supervisor).body(Map.of("contactWorkingDays", 5, "rectifyWorkingDays", 5)).put("/api/v1/halls/" + hall + "/feedback")
                .then().statusCode(200);
        assertThat(column("select payload->>'actor' || ' ' || (payload->>'previousRectifyWorkingDays') || '>' || "
                + "(payload->>'rectifyWorkingDays') from event_outbox where hall_code = ? and type = 'hall.feedback_deadlines'", hall))
                .hasSize(1).allMatch(line -> line.startsWith("supervisor-") && line.endsWith(" 15>5"));
        as(supervisor).get("/api/v1/halls/" + hall + "/feedback").then().statusCode(200).body("contactWorkingDays", equalTo(5));
        at("2026-10-12T10:00:00");
        String ticket = served(hall);
        rate(ticket, Map.of("score", 2)).statusCode(200);
        String id = rectificationOf(ticket);
        // contact due Mon 19 Oct 10:00; rectify due Mon 19 Oct 17:00; yellow from Fri 16 Oct 17:00 (the warning)
        at("2026-10-16T17:00:00");
        sweep();
        assertThat(cards(id)).containsExactly("YELLOW");
        as(supervisor).queryParam("hall", hall).get("/api/v1/rectifications/summary").then()
                .body("halls[0].yellow", equalTo(1)).body("halls[0].contactOverdue", equalTo(0));
        at("2026-10-19T10:00:00");
        sweep();
        sweep();
        assertThat(cards(id)).as("no card at the contact due: already yellow").containsExactly("YELLOW");
        as(supervisor).queryParam("hall", hall).get("/api/v1/rectifications/summary").then()
                .body("halls[0].contactOverdue", equalTo(1)).body("halls[0].overdue", equalTo(1));
    }

    @Test
    void aBadRatingReachesTheStaffStreamAndNeverThePublicOne() throws Exception {
        String hall = hall();
        String supervisor = Api.staffToken("supervisor", hall);
        String ticket = served(hall);
        rate(ticket, Map.of("score", 1, "comment", "态度差")).statusCode(200);
        try (SseClient desk = new SseClient(base.resolve("/api/v1/halls/" + hall + "/stream/staff"), "0",
                Map.of("Authorization", "Bearer " + supervisor))) {
            SseClient.Event bad = desk.next("rating.bad", Duration.ofSeconds(10));
            assertThat(bad).as("the supervisors are told of a new bad rating").isNotNull();
            assertThat(bad.data()).contains("\"score\":1").contains("\"window\":1").contains("rectifyDue").contains("clerk-");
        }
        try (SseClient screen = new SseClient(base.resolve("/api/v1/halls/" + hall + "/stream"), "0")) {
            List<SseClient.Event> events = screen.drain(Duration.ofMillis(800));
            assertThat(events).extracting(SseClient.Event::type).contains("ticket.finished")
                    .doesNotContain("rating.bad", "ticket.rated", "rectification.moved", "rectification.card");
            assertThat(events).extracting(SseClient.Event::data).noneMatch(data -> data.contains("clerk-"));
        }
    }

    @Test
    void aSupervisorLimitedToDepartmentsAnswersOnlyForThem() throws Exception {
        String hall = hall();
        String clerk = Api.staffToken("clerk", hall);
        String reviewer = Api.staffToken("reviewer", hall);
        at("2026-10-12T10:00:00");
        var created = CaseResourceTest.create(hall, CaseResourceTest.item("TIME_LIMITED", false, Map.of()), "WINDOW",
                CaseResourceTest.DOCUMENTS, clerk).statusCode(201).extract();
        String caseId = created.path("id");
        CaseResourceTest.move(caseId, 0, Map.of("action", "START_REVIEW"), reviewer).statusCode(200);
        CaseResourceTest.move(caseId, 1, Map.of("action", "APPROVE"), reviewer).statusCode(200);
        Api.anonymous().queryParam("code", (String) created.path("verificationCode")).body(Map.of("score", 1))
                .post("/api/v1/public/cases/" + created.path("caseNumber") + "/rating").then().statusCode(201);
        String ticket = served(hall);
        rate(ticket, Map.of("score", 2)).statusCode(200);
        String ofCase = column("select x.id from rectification x join rating r on r.id = x.rating_id where r.case_id = ?::uuid "
                + "and r.subject = 'CASE'", caseId).get(0);
        String ofTicket = rectificationOf(ticket);

        String username = "dept-sup-" + UUID.randomUUID().toString().substring(0, 6);
        as(Api.adminToken()).body(Map.of("username", username, "password", "password-" + username, "roles", List.of("supervisor"),
                "halls", List.of(hall), "departments", List.of("测试局"))).post("/api/v1/staff").then().statusCode(201)
                .body("departments", contains("测试局"));
        String limited = Api.login(username, "password-" + username);
        as(limited).queryParam("hall", hall).get("/api/v1/rectifications").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(ofCase));
        as(limited).get("/api/v1/rectifications/" + ofTicket).then().statusCode(403);
        move(ofTicket, 0, "CONTACT", null, limited).statusCode(403);
        move(ofCase, 0, "CONTACT", null, limited).statusCode(200).body("state", equalTo("CONTACTED"));
        as(Api.staffToken("supervisor", hall)).queryParam("hall", hall).get("/api/v1/rectifications").then()
                .body("total", equalTo(2));
        as(Api.adminToken()).body(Map.of("username", username + "x", "password", "password-" + username, "roles", List.of("supervisor"),
                "halls", List.of(hall), "departments", List.of(" "))).post("/api/v1/staff").then().statusCode(400);
        as(limited).body(Map.of("contactWorkingDays", 2, "rectifyWorkingDays", 5)).put("/api/v1/halls/" + hall + "/feedback")
                .then().statusCode(403);
        try (SseClient desk = new SseClient(base.resolve("/api/v1/halls/" + hall + "/stream/staff"), "0",
                Map.of("Authorization", "Bearer " + limited))) {
            List<SseClient.Event> events = desk.drain(Duration.ofMillis(1500));
            assertThat(events).filteredOn(e -> e.type().equals("rating.bad")).as("only its department's bad rating")
                    .hasSize(1).allMatch(e -> e.data().contains(ofCase));
            assertThat(events).extracting(SseClient.Event::data).noneMatch(data -> data.contains(ofTicket));
        }
        try (SseClient counter = new SseClient(base.resolve("/api/v1/halls/" + hall + "/stream/staff"), "0",
                Map.of("Authorization", "Bearer " + clerk))) {
            List<SseClient.Event> events = counter.drain(Duration.ofMillis(1500));
            assertThat(events).extracting(SseClient.Event::type).as("a clerk is not told who was rated")
                    .contains("ticket.finished").doesNotContain("rating.bad", "rectification.moved");
        }
    }
}
