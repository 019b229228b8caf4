package io.siban.feedback;

import io.siban.common.problem.Problem;
import io.siban.common.problem.ProblemException;
import io.siban.feedback.dto.FeedbackSettings;
import io.siban.feedback.dto.TransitionRequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What a rectification move and a hall's answer deadlines must be; each refusal names its field. */
final class FeedbackRules {
    private FeedbackRules() {
    }

    static RectificationAction action(TransitionRequest request) {
        if (request == null || request.action() == null) {
            throw ProblemException.invalid("action", "one of " + Arrays.toString(RectificationAction.values()));
        }
        try {
            return RectificationAction.valueOf(request.action().strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("action", "one of " + Arrays.toString(RectificationAction.values()));
        }
    }

    /** The trimmed note, or null; required for the actions that must say why. */
    static String note(TransitionRequest request, RectificationAction action) {
        String note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        if (note == null && RectificationMachine.NOTE_REQUIRED.contains(action)) {
            throw ProblemException.invalid("note", action + " needs a note saying what was done or why");
        }
        if (note != null && note.codePointCount(0, note.length()) > Rectifications.MAX_NOTE) {
            throw ProblemException.invalid("note", "at most " + Rectifications.MAX_NOTE + " characters");
        }
        return note;
    }

    static FeedbackSettings settings(FeedbackSettings s) {
        List<Problem.Violation> v = new ArrayList<>();
        if (s == null || s.contactWorkingDays() == null || s.contactWorkingDays() < 1 || s.contactWorkingDays() > 30) {
            v.add(new Problem.Violation("contactWorkingDays", "a whole number of working days from 1 to 30"));
        }
        if (s == null || s.rectifyWorkingDays() == null || s.rectifyWorkingDays() < 1 || s.rectifyWorkingDays() > 60) {
            v.add(new Problem.Violation("rectifyWorkingDays", "a whole number of working days from 1 to 60"));
        }
        if (v.isEmpty() && s.contactWorkingDays() > s.rectifyWorkingDays()) {
            v.add(new Problem.Violation("contactWorkingDays", "the citizen is contacted before the rectification is due, not after"));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return s;
    }
}
