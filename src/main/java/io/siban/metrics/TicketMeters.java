package io.siban.metrics;

import io.siban.outbox.NumberingStep;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts tickets issued, waits and service times from the ticket events as the outbox publisher
 * numbers them. Numbering happens once per event across all instances (under the publisher's lock),
 * and the counts are applied only once that numbering has committed, so a fleet's sum counts each
 * ticket once: a count taken in the request path would also be once, but would need a hook in every
 * path that issues (single and grouped writes), calls and finishes, and would count a request
 * whose answer was lost in the same way. A crash between the commit and the increment loses those
 * counts on that instance, as any restart of a counter does.
 */
@ApplicationScoped
public class TicketMeters implements NumberingStep {
    static final String ISSUED = "ticket.issued";
    static final String CALLED = "ticket.called";
    static final String FINISHED = "ticket.finished";

    @Inject
    BusinessMeters meters;

    @Override
    public List<String> fields() {
        return List.of("queue", "channel", "waitSeconds", "serviceSeconds");
    }

    @Override
    public Uni<Void> beforeNumbering(SqlConnection conn, Batch batch) {
        List<Runnable> counts = new ArrayList<>();
        for (int event = 0; event < batch.read(); event++) {
            String hall = batch.hall(event);
            switch (batch.type(event)) {
                case ISSUED -> {
                    String channel = batch.field(event, "channel");
                    counts.add(() -> meters.issued(hall, channel));
                }
                case CALLED -> {
                    String queue = batch.field(event, "queue");
                    Long wait = seconds(batch.field(event, "waitSeconds"));
                    if (wait != null) {
                        counts.add(() -> meters.waited(hall, queue, wait));
                    }
                }
                case FINISHED -> {
                    Long service = seconds(batch.field(event, "serviceSeconds"));
                    if (service != null) {
                        counts.add(() -> meters.served(hall, service));
                    }
                }
                default -> {
                }
            }
        }
        if (!counts.isEmpty()) {
            batch.onCommit(() -> counts.forEach(Runnable::run));
        }
        return Uni.createFrom().voidItem();
    }

    /** A number of seconds from an event's payload; null when absent or unreadable, so a bad event never stops the numbering. */
    static Long seconds(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
