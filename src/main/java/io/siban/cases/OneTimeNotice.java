package io.siban.cases;

import io.siban.cases.dto.TransitionRequest;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one-time notice rule (一次性告知): a supplement request names every missing document at once.
 * Every document ever named is remembered; a later request that names one not named before counts a
 * violation, recorded in the move's detail. Pure.
 */
final class OneTimeNotice {
    private OneTimeNotice() {
    }

    /** The documents after a move, and what the move's history line records about them. */
    record Outcome(List<String> missing, List<String> notified, int violations, JsonObject detail) {
    }

    static Outcome after(CaseRow current, TransitionRequest request) {
        JsonObject detail = new JsonObject();
        List<String> notified = current.notified();
        List<String> missing = current.missing();
        int violations = current.violations();
        if (request.action() == CaseAction.REQUEST_SUPPLEMENT) {
            List<String> asked = request.missingDocuments();
            List<String> known = notified;
            List<String> newlyNamed = asked.stream().filter(d -> !known.contains(d)).toList();
            if (!notified.isEmpty() && !newlyNamed.isEmpty()) {
                violations++;
                detail.put("oneTimeNoticeViolation", newlyNamed);
            }
            Set<String> union = new LinkedHashSet<>(notified);
            union.addAll(asked);
            notified = List.copyOf(union);
            missing = asked;
            detail.put("missingDocuments", asked);
        }
        if (request.action() == CaseAction.SUPPLEMENT_RECEIVED) {
            missing = List.of();
        }
        if (request.procedure() != null) {
            detail.put("procedure", request.procedure().name());
        }
        return new Outcome(missing, notified, violations, detail);
    }
}
