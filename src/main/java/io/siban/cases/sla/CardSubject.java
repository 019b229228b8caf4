package io.siban.cases.sla;

/**
 * Something that receives e-supervision cards from its stored instants: cases, and rectifications of
 * bad ratings. One machinery serves them all ({@link CardSweeper}): each subject has its own deadline
 * index in Redis and two statements, written with the card rule's SQL form
 * ({@link io.siban.sla.deadline.CardSql}), whose rows use the same column names.
 */
public interface CardSubject {
    /** For logs: "case", "rectification". */
    String name();

    /** The subject's live index of next card changes. */
    DeadlineIndex index();

    /**
     * Fires a batch: $1 the ids (uuid[]), $2 now. Locks the running ones, records each card that
     * differs from the stored one (once: the lock and the "differs" condition), with its event, and
     * answers per running id {@code id, hall_code, yellow_from, committed_due, statutory_due, fired}.
     */
    String fire();

    /**
     * A page of running subjects by id: $1 after this id, $2 now, $3 the page size; rows {@code id,
     * yellow_from, committed_due, statutory_due, behind} (behind: the stored card is not the one due).
     */
    String rebuild();

    /** A card of this subject changed in the hall. */
    void fired(String hall);

    /** One of the subject's instants was reached in the hall, whether or not a card changed. */
    default void reached(String hall) {
    }

    /** After each sweep: recount what the fired cards changed (the live counters). */
    io.smallrye.mutiny.Uni<Void> settle();
}
