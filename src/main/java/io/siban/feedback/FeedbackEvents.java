package io.siban.feedback;

import io.siban.outbox.NumberingStep;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;

/**
 * Recounts a hall's rectification counters once its rating or rectification events are numbered:
 * numbering happens after the writing transaction committed, exactly once, so a recount can neither
 * run before the new row is visible nor be missed.
 */
@ApplicationScoped
public class FeedbackEvents implements NumberingStep {
    static final Set<String> TYPES = Set.of("rating.bad", "rectification.moved", "rectification.card");

    @Inject
    FeedbackCounters counters;

    @Override
    public Uni<Void> beforeNumbering(SqlConnection conn, Batch batch) {
        for (int event = 0; event < batch.read(); event++) {
            if (TYPES.contains(batch.type(event))) {
                String hall = batch.hall(event);
                batch.onCommit(() -> counters.touched(hall));
            }
        }
        return Uni.createFrom().voidItem();
    }
}
