package io.siban.cases;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.sla.deadline.SlaCard;
import io.siban.sla.deadline.SlaCards;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The card rule and the state lists have a Java form and a generated SQL form; PostgreSQL is asked
 * for the SQL's answer on every arrangement of the dues around now (missing, before, at, after) and
 * for every state, and must say what the Java says.
 */
@QuarkusTest
class CaseSqlTest {
    private static final Instant NOW = Instant.parse("2026-10-12T02:00:00Z");

    @Inject
    Pool pool;

    @Test
    void theCardInSqlIsTheCardInJava() {
        List<Instant> choices = Arrays.asList(null, NOW.minus(Duration.ofHours(1)), NOW, NOW.plus(Duration.ofHours(1)));
        StringBuilder select = new StringBuilder("select ").append(CaseSql.card("c.", "$4")).append(" as card");
        for (SlaCard card : SlaCard.values()) {
            select.append(", ").append(CaseSql.runningShows(card, "c.", "$4")).append(" as shows_").append(card.name());
            select.append(", ").append(CaseSql.dueOf("'" + card.name() + "'", "c.", "null")).append(" as due_").append(card.name());
        }
        select.append(" from (select $1::timestamptz as yellow_from, $2::timestamptz as committed_due, $3::timestamptz as statutory_due) c");
        int checked = 0;
        for (Instant yellow : choices) {
            for (Instant committed : choices) {
                for (Instant statutory : choices) {
                    Row row = pool.preparedQuery(select.toString())
                            .execute(Tuple.of(utc(yellow), utc(committed), utc(statutory), utc(NOW)))
                            .await().atMost(Duration.ofSeconds(10)).iterator().next();
                    SlaCard java = SlaCards.fromDues(NOW, yellow, committed, statutory);
                    String arrangement = "yellow " + yellow + ", committed " + committed + ", statutory " + statutory;
                    assertThat(row.getString("card")).as(arrangement).isEqualTo(java.name());
                    for (SlaCard card : SlaCard.values()) {
                        assertThat(Boolean.TRUE.equals(row.getBoolean("shows_" + card.name().toLowerCase())))
                                .as("%s shows %s", arrangement, card).isEqualTo(card == java);
                        Instant due = card.from() == null ? null : switch (card.from()) {
                            case YELLOW_FROM -> yellow;
                            case COMMITTED -> committed;
                            case STATUTORY -> statutory;
                        };
                        OffsetDateTime stored = row.getOffsetDateTime("due_" + card.name().toLowerCase());
                        assertThat(stored == null ? null : stored.toInstant()).as("%s due of %s", arrangement, card).isEqualTo(due);
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(64);
    }

    @Test
    void theStateListsInSqlAreTheSetsInJava() {
        for (CaseState state : CaseState.values()) {
            Row row = pool.preparedQuery("select $1 in " + CaseSql.RUNNING + " as running, $1 in " + CaseSql.OPEN + " as open, $1 in "
                            + CaseSql.PAUSED + " as paused")
                    .execute(Tuple.of(state.name())).await().atMost(Duration.ofSeconds(10)).iterator().next();
            assertThat(row.getBoolean("running")).as("%s running", state).isEqualTo(state.isRunning());
            assertThat(row.getBoolean("open")).as("%s open", state).isEqualTo(CaseState.OPEN.contains(state));
            assertThat(row.getBoolean("paused")).as("%s paused", state).isEqualTo(CaseState.PAUSED.contains(state));
        }
        List<CaseState> openButNotRunning = new ArrayList<>(CaseState.OPEN);
        openButNotRunning.removeAll(CaseState.RUNNING);
        assertThat(openButNotRunning).as("an open case either runs or is paused").containsExactlyElementsOf(CaseState.PAUSED);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
