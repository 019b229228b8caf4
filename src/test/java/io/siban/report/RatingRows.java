package io.siban.report;

import io.siban.support.Api;
import io.siban.support.LocalServicesResource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;

import static io.siban.support.Api.as;

/**
 * Ratings given and rectifications moved through the API, for the report's tests: a ticket rated by its
 * holder, a case by its citizen with the verification code, a bad rating's rectification closed or appealed
 * and excluded by the hall's supervisors; the ids the report's rows do not show are read from PostgreSQL.
 */
final class RatingRows {
    private RatingRows() {
    }

    /** The holder rates a served ticket; returns the rating's id. */
    static UUID ticket(String ticketId, int score) throws Exception {
        Api.holder(ticketId).body(Map.of("score", score)).post("/api/v1/tickets/" + ticketId + "/rating").then().statusCode(200);
        return id("select id from rating where ticket_id = ?", ticketId);
    }

    /** The citizen rates a closed case with its number and code; returns the rating's id. */
    static UUID ofCase(String caseId, String caseNumber, String code, int score) throws Exception {
        Api.anonymous().queryParam("code", code).body(Map.of("score", score)).post("/api/v1/public/cases/" + caseNumber + "/rating")
                .then().statusCode(201);
        return id("select id from rating where case_id = ? and subject = 'CASE'", caseId);
    }

    /** Contacts, rectifies and closes the bad rating's rectification (rectified). */
    static void close(UUID rating, String supervisor) throws Exception {
        String id = rectificationOf(rating);
        move(id, 0, "CONTACT", "已电话回访", supervisor);
        move(id, 1, "RECTIFY", "已整改并答复群众", supervisor);
        move(id, 2, "CLOSE", null, supervisor);
    }

    /** One supervisor appeals the bad rating, another excludes it (it leaves every KPI). */
    static void exclude(UUID rating, String supervisor, String reviewer) throws Exception {
        String id = rectificationOf(rating);
        move(id, 0, "APPEAL", "恶意评价：群众未到窗口", supervisor);
        move(id, 1, "EXCLUDE", "核实为误评", reviewer);
    }

    private static void move(String id, int version, String action, String note, String token) {
        as(token).header("If-Match", "\"" + version + "\"").body(note == null ? Map.of("action", action) : Map.of("action", action, "note", note))
                .post("/api/v1/rectifications/" + id + "/transitions").then().statusCode(200);
    }

    private static String rectificationOf(UUID rating) throws Exception {
        return id("select id from rectification where rating_id = ?", rating.toString()).toString();
    }

    private static UUID id(String sql, String param) throws Exception {
        try (Connection db = LocalServicesResource.connect(); PreparedStatement s = db.prepareStatement(sql)) {
            s.setObject(1, UUID.fromString(param));
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new AssertionError("no row for " + param + ": " + sql);
                }
                return (UUID) r.getObject(1);
            }
        }
    }
}
