package io.siban.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.util.ArrayList;
import java.util.List;

/**
 * What a feature does in the transaction that numbers a batch of events, under the numbering lock, so
 * it happens exactly once per event: before numbering it may append events of its own (numbered with
 * the batch, after its events), after numbering it may fold the batch into its figures. The features
 * implement it (as CDI beans); the publisher knows none of them.
 */
public interface NumberingStep {
    /** Payload fields this step reads from the batch's events, as text; read with the batch, in the same query. */
    default List<String> fields() {
        return List.of();
    }

    /** Before the batch is numbered. */
    default Uni<Void> beforeNumbering(SqlConnection conn, Batch batch) {
        return Uni.createFrom().voidItem();
    }

    /** After the batch is numbered: {@link Batch#numberedIds} are all its events, appended ones included. */
    default Uni<Void> afterNumbering(SqlConnection conn, Batch batch) {
        return Uni.createFrom().voidItem();
    }

    /** The unnumbered events read for one numbering, in commit order, and those appended to them. */
    final class Batch {
        private final List<Row> rows;
        private final List<String> fields;
        private final List<Long> ids;
        private final List<String> halls;
        private final List<Runnable> onCommit = new ArrayList<>();
        private Long[] seqs;

        Batch(List<Row> rows, List<String> fields) {
            this.rows = rows;
            this.fields = fields;
            this.ids = new ArrayList<>(rows.size());
            this.halls = new ArrayList<>(rows.size());
            for (Row r : rows) {
                ids.add(r.getLong(0));
                halls.add(r.getString(1));
            }
        }

        /** How many events were read (appended ones not counted). */
        public int read() {
            return rows.size();
        }

        public String hall(int event) {
            return halls.get(event);
        }

        public String type(int event) {
            return rows.get(event).getString(2);
        }

        /** A payload field of a read event, one of the fields a step asked for. */
        public String field(int event, String name) {
            return rows.get(event).getString(3 + fields.indexOf(name));
        }

        /** The number an event (read or appended) was given; after numbering. */
        public long seq(int event) {
            return seqs[event];
        }

        /** Every event of the batch, appended ones included, in numbering order; after numbering. */
        public Long[] numberedIds() {
            return ids.toArray(Long[]::new);
        }

        /** How many events the batch numbers, appended ones included: {@link #hall} and {@link #seq} take up to this. */
        public int size() {
            return ids.size();
        }

        /** Adds an event written meanwhile in this transaction: it is numbered after the events before it. */
        public void append(long id, String hall) {
            ids.add(id);
            halls.add(hall);
        }

        /**
         * Runs {@code action} once the numbering transaction has committed (never if it rolls back):
         * for what must count each event once but lives outside PostgreSQL, such as a meter.
         */
        public void onCommit(Runnable action) {
            onCommit.add(action);
        }

        /** Runs the actions registered for the commit; one that fails is logged and never fails the delivery. */
        void committed() {
            for (Runnable action : onCommit) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    org.jboss.logging.Logger.getLogger(NumberingStep.class).warnf("an action after numbering failed: %s", e.toString());
                }
            }
        }

        List<Long> ids() {
            return ids;
        }

        void numbered(Long[] seqs) {
            this.seqs = seqs;
        }

        List<String> halls() {
            return halls;
        }
    }
}
