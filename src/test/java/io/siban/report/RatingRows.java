package io.siban.report;

import io.siban.support.LocalServicesResource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

/**
 * Ratings and their rectifications written as the feedback service writes them (V20's rows, and the
 * events of the brief in the outbox, numbered like any other), for the report's tests until they can be
 * driven through the API: a rating tied to what its ticket or case was, a rectification opened for a
 * bad one, and the moves that change what a rating counts (CLOSE, EXCLUDE).
 */
final class RatingRows {
    /** A ticket's rating of the score given (%s), tied to what the ticket is. */
    static final String TICKET_RATING_OF = """
            insert into rating (id, subject, ticket_id, case_id, hall_code, score, rated_at, day, clerk, window_number,
                                item_code, department, category, channel)
            select ?, 'TICKET', t.id, t.case_id, t.hall_code, %s, now(), t.service_date, coalesce(t.called_by, ''),
                   coalesce(t.window_number, 0), coalesce(t.item_code, ''), coalesce(i.department, ''), coalesce(i.category, ''),
                   t.channel
            from ticket t left join service_item i on i.code = t.item_code where t.id = ?""";
    static final String TICKET_RATING = TICKET_RATING_OF.formatted("?") + " returning hall_code";
    /** The rating of the ticket's own column, unless the ticket has its row. */
    static final String TICKET_COLUMN_RATING = TICKET_RATING_OF.formatted("t.rating")
            + " and t.rating is not null and not exists (select 1 from rating r where r.ticket_id = t.id) returning hall_code";
    static final String CASE_RATING = """
            insert into rating (id, subject, case_id, hall_code, score, rated_at, day, item_code, department, category, channel)
            select ?, 'CASE', c.id, c.hall_code, ?, now(), (c.closed_at at time zone 'Asia/Shanghai')::date, c.item_code,
                   c.department, c.category, c.channel
            from service_case c where c.id = ?
            returning hall_code""";
    static final String RECTIFICATION = """
            insert into rectification (id, rating_id, hall_code, department, calendar_id, state, opened_at, contact_due, rectify_due)
            select ?, r.id, r.hall_code, r.department, h.calendar_id, 'OPEN', now(), now() + interval '1 day', now() + interval '21 days'
            from rating r join hall h on h.code = r.hall_code where r.id = ?""";
    static final String EVENT = "insert into event_outbox (hall_code, type, payload) values (?, ?, ?::jsonb)";

    private RatingRows() {
    }

    /** A served ticket's rating; a bad one opens its rectification. Returns the rating's id. */
    static UUID ticket(String ticketId, int score) throws Exception {
        return rate(TICKET_RATING, "ticket.rated", "ticketId", ticketId, score);
    }

    /** A closed case's rating; a bad one opens its rectification. Returns the rating's id. */
    static UUID ofCase(String caseId, int score) throws Exception {
        return rate(CASE_RATING, "case.rated", "caseId", caseId, score);
    }

    private static UUID rate(String sql, String type, String subjectField, String subjectId, int score) throws Exception {
        UUID rating = UUID.randomUUID();
        try (Connection db = LocalServicesResource.connect()) {
            db.setAutoCommit(false);
            String hall;
            try (PreparedStatement s = db.prepareStatement(sql)) {
                s.setObject(1, rating);
                s.setInt(2, score);
                s.setObject(3, UUID.fromString(subjectId));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    hall = r.getString(1);
                }
            }
            event(db, hall, type, "{\"" + subjectField + "\": \"" + subjectId + "\", \"ratingId\": \"" + rating + "\", \"score\": " + score + "}");
            if (score <= 2) {
                UUID rectification = UUID.randomUUID();
                try (PreparedStatement s = db.prepareStatement(RECTIFICATION)) {
                    s.setObject(1, rectification);
                    s.setObject(2, rating);
                    s.executeUpdate();
                }
                event(db, hall, "rating.bad", "{\"ratingId\": \"" + rating + "\", \"rectificationId\": \"" + rectification + "\"}");
            }
            db.commit();
        }
        return rating;
    }

    /**
     * Makes sure a ticket rated through {@code POST /tickets/{id}/rating} has its rating row, as the feedback
     * service writes it: copied from the ticket's column (as V20 copied old ratings) when there is none yet.
     */
    static void keptInRatingTable(String ticketId) throws Exception {
        UUID rating = UUID.randomUUID();
        try (Connection db = LocalServicesResource.connect()) {
            db.setAutoCommit(false);
            try (PreparedStatement s = db.prepareStatement(TICKET_COLUMN_RATING)) {
                s.setObject(1, rating);
                s.setObject(2, UUID.fromString(ticketId));
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        event(db, r.getString(1), "ticket.rated", "{\"ticketId\": \"" + ticketId + "\", \"ratingId\": \"" + rating + "\"}");
                    }
                }
            }
            db.commit();
        }
    }

    /** Moves the rating's rectification to {@code state} (CLOSED, EXCLUDED: then the rating is excluded too), with its event. */
    static void move(UUID rating, String action, String state) throws Exception {
        try (Connection db = LocalServicesResource.connect()) {
            db.setAutoCommit(false);
            String hall;
            String payload;
            try (PreparedStatement s = db.prepareStatement("""
                    update rectification x set state = ?, version = version + 1,
                           closed_at = case when ? = 'CLOSED' then now() end, excluded_at = case when ? = 'EXCLUDED' then now() end
                    from rating r where x.rating_id = r.id and r.id = ?
                    returning x.hall_code, json_build_object('rectificationId', x.id, 'ratingId', r.id, 'ticketId', r.ticket_id,
                                                             'caseId', r.case_id, 'action', ?, 'to', x.state)::text""")) {
                s.setString(1, state);
                s.setString(2, state);
                s.setString(3, state);
                s.setObject(4, rating);
                s.setString(5, action);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    hall = r.getString(1);
                    payload = r.getString(2);
                }
            }
            if ("EXCLUDED".equals(state)) {
                try (PreparedStatement s = db.prepareStatement("update rating set excluded_at = now() where id = ?")) {
                    s.setObject(1, rating);
                    s.executeUpdate();
                }
            }
            event(db, hall, "rectification.moved", payload);
            db.commit();
        }
    }

    private static void event(Connection db, String hall, String type, String payload) throws Exception {
        try (PreparedStatement s = db.prepareStatement(EVENT)) {
            s.setString(1, hall);
            s.setString(2, type);
            s.setString(3, payload);
            s.executeUpdate();
        }
    }
}
