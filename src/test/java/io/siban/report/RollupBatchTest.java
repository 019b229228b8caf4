package io.siban.report;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a numbered batch sends kpi_count: issues per minute, the tickets and cases named, unreadable values left out. */
class RollupBatchTest {
    static final String T1 = "0b8f7c3e-1d2a-4f5b-9c6d-7e8f9a0b1c2d";
    static final String T2 = "1c9f8d4f-2e3b-4a6c-8d7e-8f9a0b1c2d3e";
    static final String C1 = "2d0a9e5a-3f4c-4b7d-9e8f-9a0b1c2d3e4f";

    @Test
    void issuesOfAMinuteAreOneLineAndEachHallKeepsItsNumbers() {
        RollupBatch batch = new RollupBatch();
        batch.event("h1", 11, "ticket.issued", fields(Map.of("at", "2026-10-12T09:00:05+08:00", "queue", "A", "channel", "KIOSK", "item", "X")));
        batch.event("h1", 12, "ticket.issued", fields(Map.of("at", "2026-10-12T01:00:59.999Z", "queue", "A", "channel", "KIOSK", "item", "X")));
        batch.event("h1", 13, "ticket.issued", fields(Map.of("at", "2026-10-12T09:01:00+08:00", "queue", "A", "channel", "KIOSK", "item", "X")));
        batch.event("h2", 7, "ticket.issued", fields(Map.of("at", "2026-10-12T09:00:30+08:00", "queue", "B", "channel", "MOBILE")));
        batch.event("h2", 8, "ticket.issued", fields(Map.of("at", "yesterday", "queue", "B", "channel", "MOBILE")));
        for (long seq = 11; seq <= 14; seq++) {
            batch.numbered("h1", seq);
        }
        batch.numbered("h2", 7);
        batch.numbered("h2", 8);
        JsonObject doc = batch.document();
        assertThat(doc.getJsonArray("halls").encode())
                .isEqualTo("[{\"hall\":\"h1\",\"first\":11,\"last\":14},{\"hall\":\"h2\",\"first\":7,\"last\":8}]");
        assertThat(doc.getJsonArray("issued").encode()).isEqualTo("["
                + "{\"hall\":\"h1\",\"at\":\"2026-10-12T01:00:00Z\",\"queue\":\"A\",\"item\":\"X\",\"channel\":\"KIOSK\",\"n\":2},"
                + "{\"hall\":\"h1\",\"at\":\"2026-10-12T01:01:00Z\",\"queue\":\"A\",\"item\":\"X\",\"channel\":\"KIOSK\",\"n\":1},"
                + "{\"hall\":\"h2\",\"at\":\"2026-10-12T01:00:00Z\",\"queue\":\"B\",\"item\":null,\"channel\":\"MOBILE\",\"n\":1}]");
    }

    @Test
    void theTicketsCasesAndWindowsNamedAreSentOnceAndUnreadableOnesLeftOut() {
        RollupBatch batch = new RollupBatch();
        batch.event("h", 1, "ticket.called", fields(Map.of("ticketId", T1)));
        batch.event("h", 2, "ticket.recalled", fields(Map.of("ticketId", T2)));
        batch.event("h", 3, "ticket.finished", fields(Map.of("ticketId", T1)));
        batch.event("h", 4, "ticket.cancelled", fields(Map.of("ticketId", "'; drop table ticket; --")));
        batch.event("h", 5, "case.moved", fields(Map.of("caseId", C1)));
        batch.event("h", 6, "sla.card", fields(Map.of("caseId", C1)));
        batch.event("h", 7, "window.status", fields(Map.of("window", "3", "status", "OPEN", "at", "2026-10-12T09:00:00+08:00")));
        batch.event("h", 8, "window.status", fields(Map.of("window", "3.5", "status", "OPEN", "at", "2026-10-12T09:00:00+08:00")));
        batch.event("h", 9, "queue.counters", fields(Map.of("queue", "A")));
        JsonObject doc = batch.document();
        assertThat(doc.getJsonArray("tickets").encode()).isEqualTo("[{\"hall\":\"h\",\"id\":\"" + T1 + "\"}]");
        assertThat(doc.getJsonArray("finished").encode()).isEqualTo("[{\"hall\":\"h\",\"id\":\"" + T1 + "\"}]");
        assertThat(doc.getJsonArray("cases").encode()).isEqualTo("[{\"hall\":\"h\",\"id\":\"" + C1 + "\"}]");
        assertThat(doc.getJsonArray("windows").encode())
                .isEqualTo("[{\"hall\":\"h\",\"seq\":7,\"window\":3,\"status\":\"OPEN\",\"at\":\"2026-10-12T01:00:00Z\"}]");
        assertThat(doc.getJsonArray("issued")).isEmpty();
    }

    @Test
    void theRatingsNamedAreSentAndAMovedRectificationRefreshesItsTicket() {
        String r1 = "3e1b0f6b-4a5d-4c8e-8f90-0b1c2d3e4f50";
        String r2 = "4f2c1a7c-5b6e-4d9f-9a01-1c2d3e4f5061";
        RollupBatch batch = new RollupBatch();
        batch.event("h", 1, "ticket.rated", fields(Map.of("ticketId", T1, "ratingId", r1)));
        batch.event("h", 2, "rating.bad", fields(Map.of("ratingId", r1)));
        batch.event("h", 3, "case.rated", fields(Map.of("caseId", C1, "ratingId", r2)));
        batch.event("h", 4, "rectification.moved", fields(Map.of("ratingId", r1, "ticketId", T2)));
        batch.event("h", 5, "rectification.card", fields(Map.of("ratingId", r2)));
        batch.event("h", 6, "rectification.moved", fields(Map.of("ratingId", "not-a-uuid", "caseId", C1)));
        batch.event("h", 7, "ticket.called", fields(Map.of("ticketId", T1, "ratingId", "5a3d2b8d-6c7f-4ea0-8b12-2d3e4f506172")));
        JsonObject doc = batch.document();
        assertThat(doc.getJsonArray("ratings").encode())
                .isEqualTo("[{\"hall\":\"h\",\"id\":\"" + r1 + "\"},{\"hall\":\"h\",\"id\":\"" + r2 + "\"}]");
        assertThat(doc.getJsonArray("tickets").encode()).as("the rated ticket, and the moved rectification's")
                .isEqualTo("[{\"hall\":\"h\",\"id\":\"" + T1 + "\"},{\"hall\":\"h\",\"id\":\"" + T2 + "\"}]");
        assertThat(doc.getJsonArray("cases")).as("a case's facts hold no rating").isEmpty();
    }

    private static java.util.function.Function<String, String> fields(Map<String, String> payload) {
        return payload::get;
    }
}
