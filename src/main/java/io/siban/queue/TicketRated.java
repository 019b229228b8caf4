package io.siban.queue;

import io.siban.rating.Rating;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What the feedback feature does when a ticket is rated, inside the rating's transaction (the ticket
 * row is locked and already carries the score): it records the rating, tied to who served, and opens
 * the rectification of a bad one.
 */
public interface TicketRated {
    /** How long after its service a ticket may be rated. */
    Duration ratingWindow();

    /** Records the rating; emits its id. */
    Uni<UUID> rated(SqlConnection conn, UUID ticket, Rating rating, OffsetDateTime at);
}
