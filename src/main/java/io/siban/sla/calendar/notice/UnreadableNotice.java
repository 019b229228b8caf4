package io.siban.sla.calendar.notice;

import java.util.List;

/**
 * A notice that cannot be read as a whole: each reason names the part ({@code title}, or
 * {@code paragraph 二} / {@code paragraph 5} for the fifth paragraph when it has no number) and
 * says what could not be accounted for, quoting the paragraph.
 */
public final class UnreadableNotice extends IllegalArgumentException {

    /** One part of the notice that could not be read. */
    public record Reason(String part, String message) {
    }

    private final transient List<Reason> reasons;

    public UnreadableNotice(List<Reason> reasons) {
        super("unreadable notice: " + reasons);
        this.reasons = List.copyOf(reasons);
    }

    public List<Reason> reasons() {
        return reasons;
    }
}
