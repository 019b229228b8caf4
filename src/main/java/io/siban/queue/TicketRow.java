package io.siban.queue;

import io.vertx.mutiny.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A ticket as stored. */
record TicketRow(UUID id, String hall, String queue, String number, String itemCode, Channel channel, Priority priority,
                 TicketStatus status, OffsetDateTime lineKey, OffsetDateTime issuedAt, Integer targetWindow,
                 Integer window, OffsetDateTime calledAt, String callReason, String callDetail, int recalls,
                 OffsetDateTime startedAt, OffsetDateTime finishedAt, OffsetDateTime noShowAt, Outcome outcome,
                 UUID caseId, List<String> missingDocuments, Integer rating, String nameMasked, String idMasked,
                 String phoneMasked, String requestHash) {

    static final String COLUMNS = "id, hall_code, queue_code, number, item_code, channel, priority, status, line_key, issued_at, "
            + "target_window, window_number, called_at, call_reason, call_detail, recalls, started_at, finished_at, no_show_at, "
            + "outcome, case_id, missing_documents, rating, applicant_name_masked, applicant_id_masked, applicant_phone_masked, "
            + "request_hash";

    static TicketRow of(Row r) {
        String outcome = r.getString("outcome");
        String[] missing = r.getArrayOfStrings("missing_documents");
        return new TicketRow(r.getUUID("id"), r.getString("hall_code"), r.getString("queue_code"), r.getString("number"),
                r.getString("item_code"), Channel.valueOf(r.getString("channel")), Priority.valueOf(r.getString("priority")),
                TicketStatus.valueOf(r.getString("status")), r.getOffsetDateTime("line_key"), r.getOffsetDateTime("issued_at"),
                r.getInteger("target_window"), r.getInteger("window_number"), r.getOffsetDateTime("called_at"),
                r.getString("call_reason"), r.getString("call_detail"), r.getInteger("recalls"),
                r.getOffsetDateTime("started_at"), r.getOffsetDateTime("finished_at"), r.getOffsetDateTime("no_show_at"),
                outcome == null ? null : Outcome.valueOf(outcome), r.getUUID("case_id"),
                missing == null ? null : List.of(missing), r.getInteger("rating"), r.getString("applicant_name_masked"),
                r.getString("applicant_id_masked"), r.getString("applicant_phone_masked"), r.getString("request_hash"));
    }
}
