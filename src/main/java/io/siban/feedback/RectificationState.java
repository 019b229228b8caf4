package io.siban.feedback;

import java.util.EnumSet;
import java.util.Set;

/** Where a rectification (差评整改) stands. */
public enum RectificationState {
    /** Opened by a bad rating; nobody has contacted the citizen yet. */
    OPEN,
    /** 回访: the citizen was contacted. */
    CONTACTED,
    /** 整改: rectified and replied. */
    RECTIFIED,
    /** Closed by the hall's supervisor. */
    CLOSED,
    /** 申诉: the department holds the rating mistaken or malicious; a supervisor reviews it. */
    APPEALED,
    /** The appeal was upheld: the rating counts nowhere. */
    EXCLUDED;

    /** The states in which the deadlines run and cards fire. */
    public static final Set<RectificationState> RUNNING = EnumSet.of(OPEN, CONTACTED, APPEALED);
    /** The states from which nothing moves. */
    public static final Set<RectificationState> FINAL = EnumSet.of(CLOSED, EXCLUDED);

    public boolean isRunning() {
        return RUNNING.contains(this);
    }
}
