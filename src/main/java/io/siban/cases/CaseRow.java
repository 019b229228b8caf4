package io.siban.cases;

import io.siban.catalog.Category;
import io.siban.catalog.Limit;
import io.siban.cases.dto.CaseView;
import io.siban.sla.deadline.Pause;
import io.vertx.mutiny.sqlclient.Row;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A case as stored, with its pauses and its calendar's version at the read. */
record CaseRow(UUID id, String caseNumber, String verificationHash, String verificationSealed, String itemCode, String itemName, String department,
               Category category, Limit committed, Limit statutory, Integer localStageDays, Duration warningThreshold,
               String hall, String calendarId, CaseChannel channel, CaseState state, CaseState suspendedFrom, int version,
               String nameMasked, String idMasked, String phoneMasked, List<String> submitted, List<String> missing,
               List<String> notified, int violations, OffsetDateTime createdAt, OffsetDateTime acceptedAt,
               OffsetDateTime forwardedAt, OffsetDateTime returnedAt, OffsetDateTime closedAt, String requestHash, int visits, String card,
               List<CaseView.PauseView> pauses, Long calendarVersion) {

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
                r.getOffsetDateTime("returned_at"), r.getOffsetDateTime("closed_at"), r.getString("request_hash"), r.getLong("visits").intValue(), r.getString("card"),
                pauses(r), r.getLong("calendar_version"));
    }

    /** The pauses as stored, oldest first, with their own limits; their dues are the reader's. */
    private static List<CaseView.PauseView> pauses(Row r) {
        String[] kinds = r.getArrayOfStrings("pause_kinds");
        String[] procedures = r.getArrayOfStrings("pause_procedures");
        String[] reasons = r.getArrayOfStrings("pause_reasons");
        OffsetDateTime[] started = r.getArrayOfOffsetDateTimes("pause_started");
        OffsetDateTime[] ended = r.getArrayOfOffsetDateTimes("pause_ended");
        Integer[] days = r.getArrayOfIntegers("pause_limit_days");
        Long[] seconds = r.getArrayOfLongs("pause_limit_seconds");
        List<CaseView.PauseView> pauses = new ArrayList<>(kinds.length);
        for (int i = 0; i < kinds.length; i++) {
            pauses.add(new CaseView.PauseView(kinds[i], procedures[i], reasons[i], started[i], ended[i], limit(days[i], seconds[i]), null, null));
        }
        return List.copyOf(pauses);
    }

    /** The pauses as the clock takes them. */
    List<Pause> clockPauses() {
        return pauses.stream().map(p -> new Pause(p.from().toInstant(), p.to() == null ? null : p.to().toInstant())).toList();
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
