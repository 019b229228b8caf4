package io.siban.security;

/**
 * Where a caller may act: on which halls, at which windows, and over which halls it has a
 * supervisor's view. Services check against it, whoever the caller is (a token, a citizen's key).
 */
public interface Scope {
    /** The holder of a ticket's key: that one ticket, wherever it is; nothing else is reached with it. */
    Scope TICKET_HOLDER = new Scope() {
        @Override
        public boolean allows(String hall) {
            return true;
        }

        @Override
        public boolean supervises(String hall) {
            return false;
        }
    };

    boolean allows(String hall);

    /** Whether the caller may act at the window: supervisors and admins at any window of their halls, clerks at their own. */
    default boolean allowsWindow(String hall, int window) {
        return allows(hall);
    }

    /** Whether the caller oversees the hall (supervisor or admin): e.g. may open any applicant's data, still recorded. */
    boolean supervises(String hall);
}
