package io.siban.feedback;

import io.siban.cases.CaseLookup;
import io.siban.common.Clocks;
import io.siban.common.problem.ProblemException;
import io.siban.feedback.dto.CaseRatingView;
import io.siban.outbox.Outbox;
import io.siban.outbox.OutboxPublisher;
import io.siban.queue.TicketRated;
import io.siban.rating.Rating;
import io.siban.rating.RatingRules;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * 好差评: a served ticket's rating (一次一评, given through the ticket's move) and a closed case's (一事一评,
 * with its verification code), each recorded once with who served, where and what; a bad one opens its
 * rectification in the same transaction.
 */
@ApplicationScoped
public class Ratings implements TicketRated {
    /** The case states a citizen may rate: the case is closed (办结). */
    static final Set<String> CLOSED = Set.of("APPROVED", "REJECTED", "DELIVERED");

    @Inject
    Pool pool;
    @Inject
    Clocks clocks;
    @Inject
    FeedbackConfig config;
    @Inject
    Rectifications rectifications;
    @Inject
    CaseLookup cases;
    @Inject
    OutboxPublisher publisher;

    @Override
    public Duration ratingWindow() {
        return config.ratingWindow();
    }

    @Override
    public Uni<UUID> rated(SqlConnection conn, UUID ticket, Rating rating, OffsetDateTime at) {
        return conn.preparedQuery(RatingStore.RATE_TICKET).execute(RatingStore.params(UUID.randomUUID(), ticket, rating, at))
                .map(rows -> RatedService.of(rows.iterator().next()))
                .call(rated -> rating.isBad() ? rectifications.open(conn, rated, "ticketNumber", rated.ticketNumber(), at)
                        : Uni.createFrom().voidItem())
                .map(RatedService::id);
    }

    /** The case a number and its code name; the same 404 as the public lookup for a wrong one. */
    public Uni<UUID> verified(String caseNumber, String code) {
        return cases.verified(caseNumber, code);
    }

    /** 一事一评: the case's citizen (the code was verified); once, within the window after its close. */
    public Uni<CaseRatingView> rateCase(UUID id, Rating rating) {
        return pool.withTransaction(conn -> conn.preparedQuery(RatingStore.CASE_TO_RATE).execute(Tuple.of(id))
                        .map(rows -> rateable(rows.iterator().next()))
                        .chain(row -> record(conn, row, rating)))
                .invoke(publisher::wake);
    }

    private Row rateable(Row c) {
        OffsetDateTime closed = c.getOffsetDateTime("closed_at");
        if (!CLOSED.contains(c.getString("state")) || closed == null) {
            throw ProblemException.businessRule("case-not-closed", "a case is rated once it is closed (办结); it is " + c.getString("state"));
        }
        if (!RatingRules.windowOpen(closed.toInstant(), config.ratingWindow(), clocks.now().toInstant())) {
            throw RatingRules.windowClosed(config.ratingWindow());
        }
        return c;
    }

    private Uni<CaseRatingView> record(SqlConnection conn, Row c, Rating rating) {
        OffsetDateTime now = clocks.now();
        String number = c.getString("case_number");
        return conn.preparedQuery(RatingStore.RATE_CASE).execute(RatingStore.params(UUID.randomUUID(), c.getUUID("id"), rating, now))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.conflict("case " + number + " has already been rated");
                    }
                    return RatedService.of(rows.iterator().next());
                })
                .call(rated -> rating.isBad() ? rectifications.open(conn, rated, "caseNumber", number, now) : Uni.createFrom().voidItem())
                .call(rated -> Outbox.append(conn, rated.hall(), "case.rated", new JsonObject().put("caseId", c.getUUID("id").toString())
                        .put("ratingId", rated.id().toString()).put("caseNumber", number).put("score", rating.score())))
                .map(rated -> new CaseRatingView(number, rating.score(), dimensions(rating), rating.comment(), now));
    }

    static Map<String, Integer> dimensions(Rating rating) {
        Map<String, Integer> shown = new LinkedHashMap<>();
        rating.dimensions().forEach((d, v) -> shown.put(d.field(), v));
        return shown;
    }
}
