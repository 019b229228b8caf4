package io.siban.rating;

import io.siban.common.problem.Problem;
import io.siban.common.problem.ProblemException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What a rating must be, for a ticket and a case alike; each refusal names its field. */
public final class RatingRules {
    public static final int MAX_COMMENT = 500;

    private RatingRules() {
    }

    /** The checked rating, or a 400 naming every bad field. */
    public static Rating check(RatingRequest request) {
        if (request == null) {
            throw ProblemException.invalid("score", "send {\"score\": 1..5}");
        }
        List<Problem.Violation> v = new ArrayList<>();
        if (!inRange(request.score())) {
            v.add(new Problem.Violation("score", "must be a whole number from 1 to 5"));
        }
        Map<Dimension, Integer> dimensions = new EnumMap<>(Dimension.class);
        if (request.dimensions() != null) {
            request.dimensions().forEach((name, value) -> {
                Dimension d = Dimension.of(name);
                if (d == null) {
                    v.add(new Problem.Violation("dimensions." + name, "is not a dimension (attitude, efficiency, quality, integrity)"));
                } else if (value != null && !inRange(value)) {
                    v.add(new Problem.Violation("dimensions." + name, "must be a whole number from 1 to 5"));
                } else if (value != null) {
                    dimensions.put(d, value);
                }
            });
        }
        String comment = request.comment() == null || request.comment().isBlank() ? null : request.comment().strip();
        if (comment != null && comment.codePointCount(0, comment.length()) > MAX_COMMENT) {
            v.add(new Problem.Violation("comment", "at most " + MAX_COMMENT + " characters"));
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return new Rating(request.score(), dimensions, comment);
    }

    /** Whether a service that ended at {@code servedAt} may still be rated at {@code now}. */
    public static boolean windowOpen(Instant servedAt, Duration window, Instant now) {
        return servedAt != null && !now.isAfter(servedAt.plus(window));
    }

    /** The refusal of a rating given after the window. */
    public static ProblemException windowClosed(Duration window) {
        return ProblemException.businessRule("rating-window-closed",
                "a service may be rated within " + window.toDays() + " days after it ended");
    }

    private static boolean inRange(Integer value) {
        return value != null && value >= Rating.MIN && value <= Rating.MAX;
    }
}
