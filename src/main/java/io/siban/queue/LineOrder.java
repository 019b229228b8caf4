package io.siban.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The order of the line as virtual arrival times: a ticket's line key is its arrival minus the head
 * start of its priority class, and the lowest key is called first. A NORMAL ticket that has waited
 * longer than a class's head start therefore goes before newer tickets of that class.
 */
public final class LineOrder {
    private final Map<Priority, Duration> headStarts;

    public LineOrder(Map<Priority, Duration> headStarts) {
        this.headStarts = new EnumMap<>(Priority.class);
        this.headStarts.put(Priority.NORMAL, Duration.ZERO);
        this.headStarts.putAll(headStarts);
        for (Priority p : Priority.values()) {
            Duration d = this.headStarts.get(p);
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("head start of " + p + " must be zero or more");
            }
        }
    }

    public static LineOrder from(QueueConfig config) {
        return new LineOrder(Map.of(Priority.APPOINTMENT, config.headStart().appointment(),
                Priority.PRIORITY, config.headStart().priority(),
                Priority.GREEN_CHANNEL, config.headStart().greenChannel()));
    }

    public Instant lineKey(Instant arrival, Priority priority) {
        return arrival.minus(headStarts.get(priority));
    }

    public Duration headStart(Priority priority) {
        return headStarts.get(priority);
    }

    /**
     * Why the chosen ticket was called, from what else was waiting for the window.
     *
     * @param earlierArrivalWaiting a ticket that arrived before the chosen one is still waiting
     * @param higherClassWaiting    a ticket of a higher class than the chosen one is still waiting
     * @param transferred           the chosen ticket was transferred to this window
     */
    public static CallReason reason(Priority chosen, boolean earlierArrivalWaiting, boolean higherClassWaiting,
                                    boolean transferred) {
        if (transferred) {
            return CallReason.TRANSFER;
        }
        if (higherClassWaiting) {
            return CallReason.AGED;
        }
        if (earlierArrivalWaiting && chosen != Priority.NORMAL) {
            return CallReason.PRIORITY;
        }
        return CallReason.FIFO;
    }

    /** Why a ticket was chosen by call-next. */
    public enum CallReason {
        /** first in line by arrival among tickets of its class and below */
        FIFO("fifo"),
        /** its priority class put it ahead of tickets that arrived earlier */
        PRIORITY("priority"),
        /** it waited past the head start of a higher class that is also waiting (max-wait promotion) */
        AGED("aged"),
        /** it was transferred to this window */
        TRANSFER("transfer");

        public final String code;

        CallReason(String code) {
            this.code = code;
        }
    }
}
