package io.siban.cases;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.common.Clocks;
import io.siban.cases.sla.CardSweeper;
import io.siban.cases.sla.DeadlineIndex;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.siban.cases.CaseResourceTest.DOCUMENTS;
import static io.siban.cases.CaseResourceTest.create;
import static io.siban.cases.CaseResourceTest.item;
import static io.siban.cases.CaseResourceTest.move;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Cards fire once, at the right instant, from the live index; the index follows pauses and survives a flush. */
@QuarkusTest
public class SlaLiveTest {
    @Inject
    Clocks clocks;
    @Inject
    CardSweeper sweeper;
    @Inject
    DeadlineIndex index;

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    void at(String local) {
        clocks.use(Clock.fixed(local(local), ZoneOffset.UTC));
    }

    static Instant local(String local) {
        return OffsetDateTime.parse(local + "+08:00").toInstant();
    }

    int sweep() {
        return sweeper.sweepOnce().await().atMost(Duration.ofSeconds(30));
    }

    static List<String> cardChanges(String caseId) throws Exception {
        try (Connection db = LocalServicesResource.connect();
             var statement = db.prepareStatement("select card from case_card_change where case_id = ?::uuid order by id")) {
            statement.setString(1, caseId);
            ResultSet rows = statement.executeQuery();
            List<String> cards = new ArrayList<>();
            while (rows.next()) {
                cards.add(rows.getString(1));
            }
            return cards;
        }
    }

    static int cardEvents(String hall, String caseId) throws Exception {
        try (Connection db = LocalServicesResource.connect();
             var statement = db.prepareStatement("select count(*) from event_outbox where hall_code = ? and type = 'sla.card' and payload->>'caseId' = ?")) {
            statement.setString(1, hall);
            statement.setString(2, caseId);
            ResultSet rows = statement.executeQuery();
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void eachCardFiresOnceAtItsInstantEvenWithTwoSweepersRacing() throws Exception {
        String hall = CaseResourceTest.hall();
        at("2026-10-12T10:00:00");
        String id = create(hall, item("TIME_LIMITED", false, Map.of("committedLimit", Map.of("workingDays", 2),
                "statutoryLimit", Map.of("workingDays", 3))), "WINDOW", DOCUMENTS, Api.staffToken("clerk", hall))
                .statusCode(201).body("sla.committedDue", equalTo("2026-10-14T09:00:00Z")).extract().path("id");
        UUID caseId = UUID.fromString(id);
        assertThat(index.scheduled(caseId).await().indefinitely()).isEqualTo(local("2026-10-13T17:00:00"));

        at("2026-10-13T16:59:59");
        sweep();
        assertThat(cardChanges(id)).isEmpty();

        at("2026-10-13T17:00:00");
        sweep();
        assertThat(cardChanges(id)).containsExactly("YELLOW");
        assertThat(index.scheduled(caseId).await().indefinitely()).isEqualTo(local("2026-10-14T17:00:00"));

        at("2026-10-14T17:00:01");
        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(this::sweep);
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(this::sweep);
        assertThat(one.get() + two.get()).as("the background sweeper may win the race too").isLessThanOrEqualTo(1);
        assertThat(cardChanges(id)).containsExactly("YELLOW", "RED");
        assertThat(cardEvents(hall, id)).isEqualTo(2);

        at("2026-10-15T17:00:00");
        sweep();
        sweep();
        assertThat(cardChanges(id)).containsExactly("YELLOW", "RED", "LEGAL_BREACH");
        assertThat(index.scheduled(caseId).await().indefinitely()).as("nothing left to fire").isNull();
        as(Api.staffToken("supervisor", hall)).get("/api/v1/cases/" + id).then().body("sla.card", equalTo("LEGAL_BREACH"));
    }

    @Test
    void pausingTakesTheCaseOutOfTheIndexAndResumingRetimesIt() {
        String hall = CaseResourceTest.hall();
        String clerk = Api.staffToken("clerk", hall);
        at("2026-10-12T10:00:00");
        String id = create(hall, item("TIME_LIMITED", false, Map.of()), "WINDOW", DOCUMENTS, clerk).statusCode(201).extract().path("id");
        UUID caseId = UUID.fromString(id);
        Instant before = index.scheduled(caseId).await().indefinitely();
        assertThat(before).as("yellow one working day before the due, Mon 19 Oct 17:00").isEqualTo(local("2026-10-16T17:00:00"));
        at("2026-10-13T10:00:00");
        move(id, 0, Map.of("action", "REQUEST_SUPPLEMENT", "missingDocuments", List.of("营业执照")), clerk).statusCode(200);
        assertThat(index.scheduled(caseId).await().indefinitely()).isNull();
        at("2026-10-14T10:00:00");
        move(id, 1, Map.of("action", "SUPPLEMENT_RECEIVED"), clerk).statusCode(200);
        Instant after = index.scheduled(caseId).await().indefinitely();
        assertThat(after).as("a working day later: the paused day").isEqualTo(local("2026-10-19T17:00:00"));
        move(id, 2, Map.of("action", "START_REVIEW"), Api.staffToken("reviewer", hall)).statusCode(200);
        move(id, 3, Map.of("action", "APPROVE"), Api.staffToken("reviewer", hall)).statusCode(200);
        assertThat(index.scheduled(caseId).await().indefinitely()).as("a closed case is not tracked").isNull();
    }

    @Test
    void theIndexIsRebuiltFromPostgresAfterAFlush() throws Exception {
        String hall = CaseResourceTest.hall();
        at("2026-10-12T10:00:00");
        String id = create(hall, item("TIME_LIMITED", false, Map.of()), "WINDOW", DOCUMENTS, Api.staffToken("clerk", hall))
                .statusCode(201).extract().path("id");
        UUID caseId = UUID.fromString(id);
        Instant scheduled = index.scheduled(caseId).await().indefinitely();
        io.siban.support.RedisServer.flushAll();
        assertThat(index.scheduled(caseId).await().indefinitely()).isNull();
        sweep();
        assertThat(index.scheduled(caseId).await().indefinitely()).isEqualTo(scheduled);

        io.siban.support.RedisServer.flushAll();
        clocks.use(Clock.fixed(scheduled.plusSeconds(60), ZoneOffset.UTC));
        sweep();
        sweep();
        assertThat(cardChanges(id)).as("a change that fell due while the index was gone fires after the rebuild").containsExactly("YELLOW");
    }

    @Test
    void aCalendarChangeRetimesTheOpenCasesOnIt() throws Exception {
        String calendar = "retime-" + UUID.randomUUID().toString().substring(0, 6);
        List<List<String>> hours = List.of(List.of("09:00", "12:00"), List.of("13:00", "17:00"));
        as(Api.adminToken()).body(Map.of("timezone", "Asia/Shanghai", "weeklyHours", Map.of("MONDAY", hours, "TUESDAY", hours,
                "WEDNESDAY", hours, "THURSDAY", hours, "FRIDAY", hours))).put("/api/v1/calendars/" + calendar).then().statusCode(201);
        String hall = "rt-" + UUID.randomUUID().toString().substring(0, 6);
        as(Api.adminToken()).body(Map.of("code", hall, "name", "retime hall", "calendarId", calendar)).post("/api/v1/halls").then().statusCode(201);
        at("2026-11-02T10:00:00");
        String id = create(hall, item("TIME_LIMITED", false, Map.of()), "WINDOW", DOCUMENTS, Api.adminToken()).statusCode(201)
                .body("sla.committedDue", equalTo("2026-11-09T09:00:00Z")).extract().path("id");
        as(Api.adminToken()).body(Map.of("holidays", List.of("2026-11-04"), "workdays", List.of()))
                .put("/api/v1/calendars/" + calendar + "/years/2026").then().statusCode(200);
        Instant deadline = Instant.now().plusSeconds(10);
        String due = null;
        while (Instant.now().isBefore(deadline) && !"2026-11-10T09:00:00Z".equals(due)) {
            Thread.sleep(100);
            due = storedDue(id);
        }
        assertThat(due).as("stored due after the holiday was added").isEqualTo("2026-11-10T09:00:00Z");
        assertThat(index.scheduled(UUID.fromString(id)).await().indefinitely()).isEqualTo(local("2026-11-09T17:00:00"));
        as(Api.adminToken()).get("/api/v1/cases/" + id).then().body("sla.committedDue", equalTo("2026-11-10T09:00:00Z"));
    }

    /** The committed due stored for a case, as ISO UTC text. */
    public static String storedDue(String id) throws Exception {
        try (Connection db = LocalServicesResource.connect();
             var statement = db.prepareStatement("select to_char(committed_due at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from service_case where id = ?::uuid")) {
            statement.setString(1, id);
            ResultSet rows = statement.executeQuery();
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void countersEqualARecountAfterARandomMixOfAThousandTransitions() throws Exception {
        String hall = CaseResourceTest.hall();
        String admin = Api.adminToken();
        String department = "混合-" + UUID.randomUUID().toString().substring(0, 5);
        java.util.Random random = new java.util.Random(7);
        Instant clock = local("2026-10-12T09:30:00");
        clocks.use(Clock.fixed(clock, ZoneOffset.UTC));
        List<String> items = List.of(item("TIME_LIMITED", false, Map.of("department", department)),
                item("SAME_DAY", false, Map.of("department", department)),
                item("PROXY", false, Map.of("department", department, "localStageLimit", Map.of("workingDays", 1))));
        List<String> ids = new ArrayList<>();
        Map<String, Integer> versions = new java.util.HashMap<>();
        Map<String, String> categories = new java.util.HashMap<>();
        for (int i = 0; i < 30; i++) {
            String item = items.get(i % 3);
            var created = create(hall, item, "WINDOW", i % 4 == 0 ? List.of("申请书") : DOCUMENTS, admin).statusCode(201).extract();
            ids.add(created.path("id"));
            versions.put(created.path("id"), 0);
            categories.put(created.path("id"), i % 3 == 0 ? "TIME_LIMITED" : i % 3 == 1 ? "SAME_DAY" : "PROXY");
        }
        int moves = 0;
        while (moves < 1000) {
            String id = ids.get(random.nextInt(ids.size()));
            String state = as(admin).get("/api/v1/cases/" + id).then().extract().path("state");
            var allowed = new ArrayList<>(CaseStateMachine.allowed(io.siban.catalog.Category.valueOf(categories.get(id)), CaseState.valueOf(state)));
            if (allowed.isEmpty()) {
                int slot = ids.indexOf(id);
                String item = items.get(slot % 3);
                String fresh = create(hall, item, "WINDOW", DOCUMENTS, admin).statusCode(201).extract().path("id");
                ids.set(slot, fresh);
                versions.put(fresh, 0);
                categories.put(fresh, categories.get(id));
                continue;
            }
            CaseAction action = allowed.get(random.nextInt(allowed.size()));
            Map<String, Object> body = new java.util.HashMap<>(Map.of("action", action.name()));
            if (action == CaseAction.REQUEST_SUPPLEMENT) {
                body.put("missingDocuments", List.of(DOCUMENTS.get(random.nextInt(DOCUMENTS.size()))));
            }
            if (action == CaseAction.START_PROCEDURE) {
                body.put("procedure", "EXPERT_REVIEW");
                body.put("reason", "专家评审");
            }
            int status = move(id, versions.get(id), body, admin).extract().statusCode();
            if (status == 200) {
                versions.merge(id, 1, Integer::sum);
            }
            moves++;
            clock = clock.plus(Duration.ofMinutes(random.nextInt(90)));
            clocks.use(Clock.fixed(clock, ZoneOffset.UTC));
        }
        sweep();
        var summary = as(Api.staffToken("supervisor", hall)).queryParam("hall", hall).get("/api/v1/sla/summary").then().statusCode(200).extract();
        OffsetDateTime now = clock.atOffset(ZoneOffset.UTC);
        try (Connection db = LocalServicesResource.connect();
             var statement = db.prepareStatement("select state, card, yellow_from, committed_due, statutory_due from service_case "
                     + "where hall_code = ? and state in ('ACCEPTED', 'IN_REVIEW', 'SUSPENDED', 'FORWARDED', 'RETURNED')")) {
            statement.setString(1, hall);
            ResultSet rows = statement.executeQuery();
            int open = 0, paused = 0, yellow = 0, red = 0, breach = 0;
            while (rows.next()) {
                open++;
                String card;
                if (rows.getString(1).equals("SUSPENDED")) {
                    paused++;
                    card = rows.getString(2);
                } else {
                    OffsetDateTime y = rows.getObject(3, OffsetDateTime.class);
                    OffsetDateTime c = rows.getObject(4, OffsetDateTime.class);
                    OffsetDateTime s = rows.getObject(5, OffsetDateTime.class);
                    card = s != null && !now.isBefore(s) ? "LEGAL_BREACH" : !now.isBefore(c) ? "RED" : !now.isBefore(y) ? "YELLOW" : "GREEN";
                }
                switch (card) {
                    case "YELLOW" -> yellow++;
                    case "RED" -> red++;
                    case "LEGAL_BREACH" -> breach++;
                    default -> { }
                }
            }
            assertThat((Integer) summary.path("total.open")).isEqualTo(open);
            assertThat((Integer) summary.path("total.paused")).isEqualTo(paused);
            assertThat((Integer) summary.path("total.yellow")).isEqualTo(yellow);
            assertThat((Integer) summary.path("total.red")).isEqualTo(red);
            assertThat((Integer) summary.path("total.legalBreach")).isEqualTo(breach);
            assertThat(open).as("the mix leaves open cases to count").isPositive();
        }
    }

    @Test
    void theSummaryEqualsARecount() {
        String hall = CaseResourceTest.hall();
        String clerk = Api.staffToken("clerk", hall);
        String department = "汇总-" + UUID.randomUUID().toString().substring(0, 5);
        at("2026-10-12T10:00:00");
        String red = create(hall, item("TIME_LIMITED", false, Map.of("department", department)), "WINDOW", DOCUMENTS, clerk)
                .statusCode(201).extract().path("id");
        at("2026-10-16T10:00:00");
        create(hall, item("TIME_LIMITED", false, Map.of("department", department)), "WINDOW", DOCUMENTS, clerk).statusCode(201);
        String paused = create(hall, item("SAME_DAY", false, Map.of("department", department)), "WINDOW", DOCUMENTS, clerk)
                .statusCode(201).extract().path("id");
        move(paused, 0, Map.of("action", "REQUEST_SUPPLEMENT", "missingDocuments", List.of("营业执照")), clerk).statusCode(200);
        create(hall, item("TIME_LIMITED", false, Map.of("department", department)), "WINDOW", List.of("申请书"), clerk).statusCode(201);
        at("2026-10-19T18:00:00");
        sweep();
        as(Api.staffToken("supervisor", hall)).queryParam("hall", hall).queryParam("department", department).get("/api/v1/sla/summary")
                .then().statusCode(200)
                .body("total.open", equalTo(3)).body("total.paused", equalTo(1)).body("total.red", equalTo(1))
                .body("total.legalBreach", equalTo(0))
                .body("byCategory.SAME_DAY.paused", equalTo(1)).body("byCategory.TIME_LIMITED.open", equalTo(2))
                .body("byDepartment.'" + department + "'.open", equalTo(3));
        as(Api.staffToken("clerk", hall)).get("/api/v1/sla/summary").then().statusCode(403);
        as(Api.staffToken("supervisor", CaseResourceTest.hall())).queryParam("hall", hall).get("/api/v1/sla/summary").then().statusCode(403);
        assertThat(red).isNotNull();
    }
}
