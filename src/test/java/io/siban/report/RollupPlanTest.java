package io.siban.report;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.LocalServicesResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The numbering step refreshes the facts of the tickets, cases and ratings of one batch, under the numbering
 * lock: the fact views must read only those rows, never every ticket or case of every hall (a CTE
 * PostgreSQL materializes would, and numbering would slow down as the database grows).
 */
@QuarkusTest
class RollupPlanTest {
    @Test
    void aRefreshReadsOnlyTheTicketsCasesAndRatingsItNames() throws Exception {
        String tickets = plan("select * from kpi_ticket_facts where ticket_id = any(array['3f2b8c1e-0000-4000-8000-000000000001'::uuid])");
        assertThat(tickets).doesNotContain("CTE Scan").doesNotContain("Seq Scan on ticket ")
                .contains("Index Scan using ticket_pkey on ticket");
        String cases = plan("select * from kpi_case_facts where case_id = any(array['3f2b8c1e-0000-4000-8000-000000000001'::uuid])");
        assertThat(cases).doesNotContain("CTE Scan").doesNotContain("Seq Scan on service_case ")
                .contains("Index Scan using service_case_pkey on service_case");
        assertThat(tickets).as("a ticket's rating by its ticket").doesNotContain("Seq Scan on rating ");
        String ratings = plan("select * from kpi_rating_facts where rating_id = any(array['3f2b8c1e-0000-4000-8000-000000000001'::uuid])");
        assertThat(ratings).doesNotContain("Seq Scan on rating ").doesNotContain("Seq Scan on rectification ")
                .contains("Index Scan using rating_pkey on rating");
    }

    @Test
    void theRatingEventsAreTheSameInJavaAndSql() throws Exception {
        java.util.List<String> types = new java.util.ArrayList<>(RollupBatch.RATING_EVENTS);
        types.addAll(java.util.List.of("ticket.finished", "case.moved", "sla.card", "case.explained", "rating.good"));
        try (Connection db = LocalServicesResource.connect(); var s = db.prepareStatement("select kpi_rating_event(?)")) {
            for (String type : types) {
                s.setString(1, type);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    assertThat(r.getBoolean(1)).as(type).isEqualTo(RollupBatch.RATING_EVENTS.contains(type));
                }
            }
        }
    }

    /** The plan PostgreSQL makes when scanning a whole table costs nothing (a test database is small). */
    private static String plan(String query) throws Exception {
        try (Connection db = LocalServicesResource.connect(); Statement s = db.createStatement()) {
            s.execute("set enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet r = s.executeQuery("explain " + query)) {
                while (r.next()) {
                    plan.append(r.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
