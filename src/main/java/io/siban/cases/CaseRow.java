package io.siban.cases;

import io.siban.catalog.Category;
import io.siban.catalog.Limit;
import io.vertx.mutiny.sqlclient.Row;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A case as stored. */
record CaseRow(UUID id, String caseNumber, String verificationHash, String verificationSealed, String itemCode, String itemName, String department,
               Category category, Limit committed, Limit statutory, Integer localStageDays, Duration warningThreshold,
               String hall, String calendarId, CaseChannel channel, CaseState state, CaseState suspendedFrom, int version,
               String nameMasked, String idMasked, String phoneMasked, List<String> submitted, List<String> missing,
               List<String> notified, int violations, OffsetDateTime createdAt, OffsetDateTime acceptedAt,
               OffsetDateTime forwardedAt, OffsetDateTime returnedAt, OffsetDateTime closedAt, String requestHash, int visits, String card) {

    static final String COLUMNS = "c.id, c.case_number, c.verification_hash, c.verification_sealed, c.item_code, c.item_name, c.department, c.category, "
            + "c.committed_days, c.committed_seconds, c.statutory_days, c.statutory_seconds, c.local_stage_days, "
            + "c.warning_threshold_seconds, c.hall_code, c.calendar_id, c.channel, c.state, c.suspended_from, c.version, "
            + "c.applicant_name_masked, c.applicant_id_masked, c.applicant_phone_masked, c.submitted_documents, "
            + "c.missing_documents, c.notified_documents, c.one_time_notice_violations, c.created_at, c.accepted_at, "
            + "c.forwarded_at, c.returned_at, c.closed_at, c.request_hash, c.card, "
            + "(select count(*) from case_visit v where v.case_id = c.id) as visits";

    static CaseRow of(Row r) {
        String suspended = r.getString("suspended_from");
        Long threshold = r.getLong("warning_threshold_seconds");
        return new CaseRow(r.getUUID("id"), r.getString("case_number"), r.getString("verification_hash"), r.getString("verification_sealed"),
                r.getString("item_code"),
                r.getString("item_name"), r.getString("department"), Category.valueOf(r.getString("category")),
                limit(r.getInteger("committed_days"), r.getLong("committed_seconds")),
                limit(r.getInteger("statutory_days"), r.getLong("statutory_seconds")), r.getInteger("local_stage_days"),
                threshold == null ? null : Duration.ofSeconds(threshold), r.getString("hall_code"), r.getString("calendar_id"),
                CaseChannel.valueOf(r.getString("channel")), CaseState.valueOf(r.getString("state")),
                suspended == null ? null : CaseState.valueOf(suspended), r.getInteger("version"),
                r.getString("applicant_name_masked"), r.getString("applicant_id_masked"), r.getString("applicant_phone_masked"),
                List.of(r.getArrayOfStrings("submitted_documents")), List.of(r.getArrayOfStrings("missing_documents")),
                List.of(r.getArrayOfStrings("notified_documents")), r.getInteger("one_time_notice_violations"),
                r.getOffsetDateTime("created_at"), r.getOffsetDateTime("accepted_at"), r.getOffsetDateTime("forwarded_at"),
                r.getOffsetDateTime("returned_at"), r.getOffsetDateTime("closed_at"), r.getString("request_hash"), r.getLong("visits").intValue(), r.getString("card"));
    }

    CaseClock.Terms terms() {
        return new CaseClock.Terms(category, committed, statutory, localStageDays, warningThreshold);
    }

    private static Limit limit(Integer days, Long seconds) {
        if (days != null) {
            return Limit.days(days);
        }
        return seconds == null ? null : Limit.of(Duration.ofSeconds(seconds));
    }
}
