package io.siban.queue;

import io.siban.common.problem.Problem.Violation;
import io.siban.common.problem.ProblemException;
import io.siban.queue.dto.FinishRequest;
import io.siban.queue.dto.IssueRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Checks of ticket requests that need no database. */
final class TicketRules {
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern ID_NUMBER = Pattern.compile("[0-9A-Za-z-]{6,32}");
    static final Pattern PHONE = Pattern.compile("\\+?[0-9 -]{5,20}");
    static final int MAX_KEY = 200;

    private TicketRules() {
    }

    static IssueRequest issue(IssueRequest request, String idempotencyKey) {
        List<Violation> v = new ArrayList<>();
        if (request == null) {
            throw ProblemException.invalid("body", "a ticket request is required");
        }
        if (request.itemCode() == null && request.queueCode() == null && request.channel() != Channel.APPOINTMENT) {
            v.add(new Violation("itemCode", "give itemCode or queueCode"));
        }
        if (request.itemCode() != null && !CODE.matcher(request.itemCode()).matches()) {
            v.add(new Violation("itemCode", "is not a catalogue code"));
        }
        if (request.queueCode() != null && !CODE.matcher(request.queueCode()).matches()) {
            v.add(new Violation("queueCode", "is not a queue code"));
        }
        if (request.channel() == null) {
            v.add(new Violation("channel", "is required: KIOSK, MOBILE or APPOINTMENT"));
        }
        String code = request.appointmentCode() != null ? request.appointmentCode() : request.appointmentId();
        if (request.channel() == Channel.APPOINTMENT && (code == null || code.isBlank())) {
            v.add(new Violation("appointmentCode", "an appointment check-in needs the booking code"));
        }
        if (code != null && code.length() > 64) {
            v.add(new Violation("appointmentCode", "at most 64 characters"));
        }
        if (code != null && request.channel() != Channel.APPOINTMENT) {
            v.add(new Violation("appointmentCode", "only for an APPOINTMENT check-in"));
        }
        if (request.priority() == Priority.APPOINTMENT && request.channel() != Channel.APPOINTMENT) {
            v.add(new Violation("priority", "APPOINTMENT is given by checking in a booking (channel APPOINTMENT with its appointmentCode)"));
        }
        if (request.applicant() != null) {
            var a = request.applicant();
            if (a.name() != null && (a.name().isBlank() || a.name().length() > 50)) {
                v.add(new Violation("applicant.name", "must be 1-50 characters"));
            }
            if (a.idNumber() != null && !ID_NUMBER.matcher(a.idNumber().trim()).matches()) {
                v.add(new Violation("applicant.idNumber", "must be 6-32 letters or digits"));
            }
            if (a.phone() != null && !PHONE.matcher(a.phone().trim()).matches()) {
                v.add(new Violation("applicant.phone", "is not a phone number"));
            }
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY)) {
            v.add(new Violation("Idempotency-Key", "must be 1-" + MAX_KEY + " characters"));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        Priority priority = request.priority() != null ? request.priority()
                : request.channel() == Channel.APPOINTMENT ? Priority.APPOINTMENT : Priority.NORMAL;
        return new IssueRequest(request.itemCode(), request.queueCode(), request.channel(), priority,
                null, request.applicant(), code == null ? null : code.trim());
    }

    static FinishRequest finish(FinishRequest request) {
        if (request == null || request.outcome() == null) {
            throw ProblemException.invalid("outcome", "is required: CASE_ACCEPTED, COMPLETED_ON_SPOT, MISSING_DOCUMENTS or CONSULTATION");
        }
        List<String> missing = request.missingDocuments() == null ? List.of()
                : request.missingDocuments().stream().map(d -> d == null ? "" : d.trim()).toList();
        List<Violation> v = new ArrayList<>();
        if (request.outcome() == Outcome.MISSING_DOCUMENTS && missing.isEmpty()) {
            v.add(new Violation("missingDocuments", "list every missing document at once (一次性告知)"));
        }
        if (request.outcome() != Outcome.MISSING_DOCUMENTS && !missing.isEmpty()) {
            v.add(new Violation("missingDocuments", "only for the MISSING_DOCUMENTS outcome"));
        }
        if (missing.stream().anyMatch(d -> d.isEmpty() || d.length() > 200) || new HashSet<>(missing).size() != missing.size()
                || missing.size() > 100) {
            v.add(new Violation("missingDocuments", "names must be distinct, non-blank and at most 200 characters"));
        }
        if (request.caseId() != null && request.outcome() != Outcome.CASE_ACCEPTED) {
            v.add(new Violation("caseId", "only for the CASE_ACCEPTED outcome"));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return new FinishRequest(request.outcome(), request.caseId(), missing);
    }
}
