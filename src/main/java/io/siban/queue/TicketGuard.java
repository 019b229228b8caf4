package io.siban.queue;

import io.siban.common.problem.ProblemException;
import io.siban.security.Caller;
import io.smallrye.mutiny.Uni;

/**
 * Who may act on a ticket: staff of its hall, at the window that has it; the holder of its key. Checks
 * made while a pipeline runs answer with the refusal (or null), and the pipeline fails with it: in
 * queue, only argument checks before a Uni exists throw.
 */
final class TicketGuard {
    private TicketGuard() {
    }

    /** The caller may act on the ticket, or a failed Uni (403). */
    static Uni<TicketRow> allowed(TicketRow ticket, Caller caller) {
        return failOr(refusal(ticket, caller), ticket);
    }

    /** Why a caller may not act on the ticket's hall, or at the window that has it (403); null when it may. */
    static ProblemException refusal(TicketRow ticket, Caller caller) {
        ProblemException refused = refusal(ticket.hall(), caller);
        if (refused == null && ticket.window() != null && !caller.allowsWindow(ticket.hall(), ticket.window())) {
            return ProblemException.forbidden("ticket " + ticket.number() + " is at window " + ticket.window()
                    + ", which is not one of this clerk's windows");
        }
        return refused;
    }

    /** Why a caller whose token does not cover the hall may not act on it (403); null when it may. */
    static ProblemException refusal(String hall, Caller caller) {
        return caller.allows(hall) ? null : ProblemException.forbidden("this token may not act on hall '" + hall + "'");
    }

    /** The value, or the failure when there is a problem. */
    static <T> Uni<T> failOr(ProblemException problem, T value) {
        return problem == null ? Uni.createFrom().item(value) : Uni.createFrom().failure(problem);
    }
}
