package io.siban.queue;

/** How a ticket was taken. */
public enum Channel {
    KIOSK, MOBILE, APPOINTMENT
}
