package io.siban.accountability;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.cases.CaseResourceTest;
import io.siban.cases.sla.CardSweeper;
import io.siban.common.Clocks;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import io.siban.support.HallClock;
import io.siban.support.RedisServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A stage receives its card too: a PROXY case whose local pre-review runs past its own due gets a RED
 * card of stage LOCAL, once, through the card machinery (also after Redis lost the index); it is in the
 * register and explained as the stage's, and it is not the case's red card.
 */
@QuarkusTest
public class StageCardTest {
    @Inject
    Clocks clocks;
    @Inject
    CardSweeper sweeper;
    @Inject
    io.siban.cases.sla.DeadlineIndex index;

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    void at(String local) {
        HallClock.at(clocks, local);
        sweeper.sweepOnce().await().atMost(Duration.ofSeconds(30));
    }

    static List<String> changes(String caseId) throws Exception {
        try (Connection db = LocalServicesResource.connect();
             var statement = db.prepareStatement("select card || ':' || coalesce(stage, '-') from case_card_change "
                     + "where case_id = ?::uuid order by id")) {
            statement.setString(1, caseId);
            ResultSet rows = statement.executeQuery();
            List<String> cards = new ArrayList<>();
            while (rows.next()) {
                cards.add(rows.getString(1));
            }
            return cards;
        }
    }

    @Test
    void theLocalStageRunsLateAndIsExplained() throws Exception {
        String hall = CaseResourceTest.hall();
        String clerk = Api.staffToken("clerk", hall);
        at("2026-10-12T10:00:00");
        String item = CaseResourceTest.item("PROXY", false, Map.of("committedLimit", Map.of("workingDays", 10),
                "localStageLimit", Map.of("workingDays", 2)));
        String id = CaseResourceTest.create(hall, item, "WINDOW", CaseResourceTest.DOCUMENTS, clerk).statusCode(201)
                .body("sla.localStageDue", equalTo("2026-10-14T09:00:00Z")).extract().path("id");
        at("2026-10-14T16:59:59");
        assertThat(changes(id)).isEmpty();
        RedisServer.flushAll();
        at("2026-10-14T17:00:00");
        at("2026-10-14T17:00:01");
        assertThat(changes(id)).as("once, after the index was rebuilt").containsExactly("RED:LOCAL");

        String supervisor = Api.staffToken("supervisor", hall);
        as(supervisor).queryParam("hall", hall).queryParam("from", "2026-10-12").queryParam("to", "2026-10-31")
                .get("/api/v1/accountability").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].card", equalTo("RED")).body("items[0].stage", equalTo("LOCAL"))
                .body("items[0].dueAt", equalTo("2026-10-14T09:00:00Z")).body("items[0].explanation", nullValue());
        as(clerk).body(Map.of("card", "RED", "cause", "现场核查", "responsible", "初审岗", "remedy", "增派人员"))
                .post("/api/v1/cases/" + id + "/explanations").then().statusCode(422);
        as(clerk).body(Map.of("card", "RED", "stage", "UPSTREAM", "cause", "x", "responsible", "y", "remedy", "z"))
                .post("/api/v1/cases/" + id + "/explanations").then().statusCode(400);
        as(clerk).body(Map.of("card", "RED", "stage", "LOCAL", "cause", "现场核查排期", "responsible", "初审岗", "remedy", "增派人员"))
                .post("/api/v1/cases/" + id + "/explanations").then().statusCode(201).body("stage", equalTo("LOCAL"));
        as(supervisor).queryParam("hall", hall).queryParam("from", "2026-10-12").queryParam("to", "2026-10-31")
                .get("/api/v1/accountability").then().body("items[0].explanation.cause", equalTo("现场核查排期"));

        int version = as(clerk).get("/api/v1/cases/" + id).then().extract().path("version");
        CaseResourceTest.move(id, version, Map.of("action", "FORWARD"), clerk).statusCode(200);
        at("2026-10-30T17:00:00");
        assertThat(changes(id)).as("the case's own red card at its committed due, none again for the forwarded stage")
                .containsExactly("RED:LOCAL", "RED:-");
    }

    @Test
    void aMoveThatBeatsTheSweepStillRecordsTheCardThatFellDue() throws Exception {
        String hall = CaseResourceTest.hall();
        String clerk = Api.staffToken("clerk", hall);
        at("2026-10-12T10:00:00");
        String id = CaseResourceTest.create(hall, CaseResourceTest.item("TIME_LIMITED", false, Map.of("committedLimit",
                Map.of("workingDays", 2))), "WINDOW", CaseResourceTest.DOCUMENTS, clerk).statusCode(201).extract().path("id");
        // the sweep no longer knows the case: only the move can record its card
        index.remove(java.util.UUID.fromString(id)).await().atMost(Duration.ofSeconds(5));
        HallClock.at(clocks, "2026-10-14T17:00:05");
        CaseResourceTest.move(id, 0, Map.of("action", "START_REVIEW"), Api.staffToken("reviewer", hall)).statusCode(200)
                .body("sla.card", equalTo("RED"));
        assertThat(changes(id)).as("yellow and red fell due before the move: the move records the red one").containsExactly("RED:-");
    }
}
