package io.siban.cases;

import io.siban.cases.dto.CaseRequest;
import io.siban.cases.dto.TransitionRequest;
import io.siban.common.problem.Problem.Violation;
import io.siban.common.problem.ProblemException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Checks of case requests that need no database. */
final class CaseRules {
    static final int MAX_DOCUMENTS = 100;

    private CaseRules() {
    }

    static CaseRequest create(CaseRequest request, String idempotencyKey) {
        if (request == null) {
            throw ProblemException.invalid("body", "a case is required");
        }
        List<Violation> v = new ArrayList<>();
        if (request.itemCode() == null || request.itemCode().isBlank()) {
            v.add(new Violation("itemCode", "is required"));
        }
        if (request.hall() == null || request.hall().isBlank()) {
            v.add(new Violation("hall", "is required"));
        }
        if (request.channel() == null) {
            v.add(new Violation("channel", "is required: WINDOW, ONLINE, MOBILE or SELF_SERVICE"));
        }
        documents(v, "submittedDocuments", request.submittedDocuments());
        if (request.applicant() != null && request.applicant().name() != null && request.applicant().name().length() > 50) {
            v.add(new Violation("applicant.name", "at most 50 characters"));
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            v.add(new Violation("Idempotency-Key", "must be 1-200 characters"));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        List<String> submitted = request.submittedDocuments() == null ? List.of()
                : request.submittedDocuments().stream().map(String::trim).distinct().toList();
        return new CaseRequest(request.itemCode().trim(), request.hall().trim(), request.channel(), request.ticketId(),
                request.applicant(), submitted);
    }

    static TransitionRequest transition(TransitionRequest request) {
        if (request == null || request.action() == null) {
            throw ProblemException.invalid("action", "is required");
        }
        List<Violation> v = new ArrayList<>();
        if (request.action() == CaseAction.REQUEST_SUPPLEMENT
                && (request.missingDocuments() == null || request.missingDocuments().isEmpty())) {
            v.add(new Violation("missingDocuments", "list every missing document at once (一次性告知)"));
        }
        documents(v, "missingDocuments", request.missingDocuments());
        if (request.action() == CaseAction.START_PROCEDURE && request.procedure() == null) {
            v.add(new Violation("procedure", "is required: HEARING, EXPERT_REVIEW, TESTING, SITE_INSPECTION or PUBLIC_NOTICE"));
        }
        if (request.action() == CaseAction.START_PROCEDURE && (request.reason() == null || request.reason().isBlank())) {
            v.add(new Violation("reason", "say why the special procedure is needed; it stops the clock"));
        }
        if (request.procedureLimit() != null && request.action() != CaseAction.START_PROCEDURE) {
            v.add(new Violation("procedureLimit", "only with START_PROCEDURE"));
        }
        if (request.procedureLimit() != null && (request.procedureLimit().isDays()
                ? request.procedureLimit().workingDays() < 1 || request.procedureLimit().workingDays() > 3650
                : request.procedureLimit().duration().getSeconds() < 60 || request.procedureLimit().duration().toDays() > 3650)) {
            v.add(new Violation("procedureLimit", "1 to 3650 working days, or a working-time duration of at least a minute"));
        }
        if (request.reason() != null && request.reason().length() > 1000) {
            v.add(new Violation("reason", "at most 1000 characters"));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return request;
    }

    /** The If-Match version: a bare number or a quoted entity tag ("3", W/"3"). */
    static int version(String ifMatch) {
        return io.siban.common.web.IfMatch.version(ifMatch, "case");
    }

    private static void documents(List<Violation> v, String field, List<String> documents) {
        if (documents == null) {
            return;
        }
        if (documents.size() > MAX_DOCUMENTS || documents.stream().anyMatch(d -> d == null || d.isBlank() || d.length() > 200)
                || new HashSet<>(documents).size() != documents.size()) {
            v.add(new Violation(field, "distinct, non-blank names of at most 200 characters, at most " + MAX_DOCUMENTS));
        }
    }
}
