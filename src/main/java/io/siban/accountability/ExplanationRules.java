package io.siban.accountability;

import io.siban.accountability.dto.ExplanationRequest;
import io.siban.common.problem.Problem.Violation;
import io.siban.common.problem.ProblemException;
import io.siban.sla.deadline.SlaCard;

import java.util.ArrayList;
import java.util.List;

/** Checks of an explanation that need no database: every field is there, trimmed, and short enough. */
final class ExplanationRules {
    static final int MAX_LENGTH = 500;

    /** An explanation as it is kept. */
    record Checked(SlaCard card, String stage, String cause, String responsible, String remedy) {
        /** How the case's received cards name it: the card, with its stage after a colon. */
        String received() {
            return stage == null ? card.name() : card.name() + ":" + stage;
        }
    }

    private ExplanationRules() {
    }

    static Checked check(ExplanationRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "an explanation {card, cause, responsible, remedy} is required");
        }
        List<Violation> v = new ArrayList<>();
        SlaCard card = null;
        if (request.card() == null || request.card().isBlank()) {
            v.add(new Violation("card", "is required: the card explained, one of " + Cards.names(Cards.RECEIVED)));
        } else {
            card = Cards.named(request.card());
            if (card == null) {
                v.add(new Violation("card", Cards.unknown(request.card())));
            }
        }
        String stage = request.stage() == null || request.stage().isBlank() ? null : request.stage().strip();
        if (stage != null && !stage.equals(io.siban.cases.sla.StageCards.LOCAL)) {
            v.add(new Violation("stage", "'" + stage + "' is not a stage; LOCAL, or none for the case's own deadlines"));
        }
        String cause = text(v, "cause", request.cause());
        String responsible = text(v, "responsible", request.responsible());
        String remedy = text(v, "remedy", request.remedy());
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return new Checked(card, stage, cause, responsible, remedy);
    }

    private static String text(List<Violation> v, String field, String value) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty()) {
            v.add(new Violation(field, "is required"));
        } else if (trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
            v.add(new Violation(field, "at most " + MAX_LENGTH + " characters"));
        }
        return trimmed;
    }
}
