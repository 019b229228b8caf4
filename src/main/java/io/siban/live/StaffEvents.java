package io.siban.live;

import io.siban.outbox.HallEvent;
import io.siban.security.Caller;

/**
 * What the staff stream shows whom: a bad rating and its rectification (who was rated, by whom, for
 * what) go to the supervisors who answer for that department of the hall, and to admins; every other
 * event to all the hall's staff.
 */
final class StaffEvents {
    private StaffEvents() {
    }

    static boolean visible(HallEvent event, String hall, Caller caller) {
        String type = event.type();
        if (type.startsWith("rating.") || type.startsWith("rectification.")) {
            return caller.supervises(hall, event.payload().getString("department", ""));
        }
        return true;
    }
}
