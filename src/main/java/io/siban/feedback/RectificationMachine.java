package io.siban.feedback;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.siban.feedback.RectificationAction.APPEAL;
import static io.siban.feedback.RectificationAction.CLOSE;
import static io.siban.feedback.RectificationAction.CONTACT;
import static io.siban.feedback.RectificationAction.EXCLUDE;
import static io.siban.feedback.RectificationAction.RECTIFY;
import static io.siban.feedback.RectificationAction.UPHOLD;
import static io.siban.feedback.RectificationState.APPEALED;
import static io.siban.feedback.RectificationState.CLOSED;
import static io.siban.feedback.RectificationState.CONTACTED;
import static io.siban.feedback.RectificationState.EXCLUDED;
import static io.siban.feedback.RectificationState.OPEN;
import static io.siban.feedback.RectificationState.RECTIFIED;

/**
 * The moves of a rectification: OPEN → CONTACTED → RECTIFIED → CLOSED; an appeal from OPEN or
 * CONTACTED ends EXCLUDED or back where it was (UPHOLD: the rating stands).
 */
public final class RectificationMachine {
    private static final Map<RectificationAction, Set<RectificationState>> FROM = Map.of(
            CONTACT, EnumSet.of(OPEN),
            RECTIFY, EnumSet.of(CONTACTED),
            CLOSE, EnumSet.of(RECTIFIED),
            APPEAL, EnumSet.of(OPEN, CONTACTED),
            EXCLUDE, EnumSet.of(APPEALED),
            UPHOLD, EnumSet.of(APPEALED));

    /** The actions whose note is required: the reply, the appeal's grounds, the review's reasons. */
    public static final Set<RectificationAction> NOTE_REQUIRED = EnumSet.of(RECTIFY, APPEAL, EXCLUDE, UPHOLD);

    private RectificationMachine() {
    }

    /** The states the action moves from. */
    public static Set<RectificationState> from(RectificationAction action) {
        return FROM.get(action);
    }

    /**
     * Where the action leads from {@code state}, or null when it may not be taken there.
     *
     * @param appealedFrom where an APPEALED rectification was when it was appealed
     */
    public static RectificationState next(RectificationState state, RectificationAction action, RectificationState appealedFrom) {
        if (!FROM.get(action).contains(state)) {
            return null;
        }
        return switch (action) {
            case CONTACT -> CONTACTED;
            case RECTIFY -> RECTIFIED;
            case CLOSE -> CLOSED;
            case APPEAL -> APPEALED;
            case EXCLUDE -> EXCLUDED;
            case UPHOLD -> appealedFrom;
        };
    }

    /** The actions that may be taken from {@code state}, for screens. */
    public static Set<RectificationAction> allowed(RectificationState state) {
        Set<RectificationAction> allowed = EnumSet.noneOf(RectificationAction.class);
        FROM.forEach((action, states) -> {
            if (states.contains(state)) {
                allowed.add(action);
            }
        });
        return allowed;
    }
}
