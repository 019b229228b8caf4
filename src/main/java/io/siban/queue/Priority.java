package io.siban.queue;

/** Priority classes of a ticket, lowest first. */
public enum Priority {
    NORMAL, APPOINTMENT, PRIORITY, GREEN_CHANNEL;

    /** The SQL expression giving a priority column its rank (the enum order). */
    /** Granted by staff (or a device created to grant it), never chosen by a citizen at a self-service kiosk. */
    public boolean staffOnly() {
        return this == PRIORITY || this == GREEN_CHANNEL;
    }

    public static final String SQL_RANK = "case %s when 'GREEN_CHANNEL' then 3 when 'PRIORITY' then 2 when 'APPOINTMENT' then 1 else 0 end";
}
