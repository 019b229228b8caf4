package io.siban.queue;

import java.util.EnumSet;
import java.util.Set;

public enum TicketStatus {
    WAITING, CALLED, SERVING, DONE, NO_SHOW, CANCELLED,
    /** Still waiting when its service day ended: the line of a day closes with the day. */
    EXPIRED;

    public static final Set<TicketStatus> PENDING = EnumSet.of(WAITING, CALLED, SERVING);
}
