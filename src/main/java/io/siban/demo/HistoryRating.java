package io.siban.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A rating of the demo history as {@code rating} holds it (好差评): a served ticket's (一次一评) or a
 * closed case's (一事一评), tied to who served, at which window, for which item, department, category
 * and channel; a dimension is null when the citizen left it out.
 *
 * @param excludedAt when an upheld appeal excluded it from every KPI (null: it counts)
 */
record HistoryRating(UUID id, String subject, UUID ticketId, UUID caseId, int score, Integer attitude, Integer efficiency,
                     Integer quality, Integer integrity, String comment, Instant ratedAt, LocalDate day, String clerk, int window,
                     String itemCode, String department, String category, String channel, Instant excludedAt) {

    static final String TICKET = "TICKET";
    static final String CASE = "CASE";

    /** A rating of 1 or 2: it opens a rectification. */
    boolean bad() {
        return score <= 2;
    }

    HistoryRating excluded(Instant at) {
        return new HistoryRating(id, subject, ticketId, caseId, score, attitude, efficiency, quality, integrity, comment, ratedAt, day,
                clerk, window, itemCode, department, category, channel, at);
    }
}
