package io.siban.queue;

import io.siban.queue.dto.TicketView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How long a queue takes per ticket, and so how long a ticket waits: the one place of both rules.
 * A queue's mean service time is the exponentially weighted mean of its latest finished tickets (the
 * configured default before any); the live view computes it with {@link #ofHall} whenever a hall
 * changes and keeps it, and the ticket answers read it back from there ({@link Latest}), so issuing
 * a ticket never recomputes it. The wait itself is {@link WaitEstimator}'s.
 */
@ApplicationScoped
public class ServiceTimes {
    @Inject
    Pool pool;
    @Inject
    QueueConfig config;
    @Inject
    Latest latest;

    /** Where the latest mean service times are kept (the live view of each hall): a recent one is good enough. */
    public interface Latest {
        /** The queue's latest mean service time; the default when there is none. */
        Uni<Duration> meanServiceTime(String hall, String queue);
    }

    private static final String SAMPLES = """
            select q.code as queue_code,
                   array(select extract(epoch from t.finished_at - t.started_at)::float8 from ticket t
                         where t.hall_code = q.hall_code and t.queue_code = q.code and t.status = 'DONE'
                           and t.started_at is not null
                         order by t.finished_at desc limit $2) as samples
            from hall_queue q where q.hall_code = $1""";

    /** The mean service time of each queue of the hall, from its latest {@code samples} finished tickets. */
    public Uni<Map<String, Duration>> ofHall(String hall, int samples) {
        return pool.preparedQuery(SAMPLES).execute(Tuple.of(hall, samples)).map(rows -> {
            Map<String, Duration> means = new HashMap<>();
            for (Row r : rows) {
                means.put(r.getString("queue_code"), smoothed(r.getArrayOfDoubles("samples")));
            }
            return means;
        });
    }

    /** The service time assumed for a queue before any has been measured. */
    public Duration assumed() {
        return config.defaultServiceTime();
    }

    /** The queue's latest mean service time, for a ticket's estimated wait. */
    Uni<Duration> mean(String hall, String queue) {
        return latest.meanServiceTime(hall, queue);
    }

    /** The estimated wait of a ticket with {@code ahead} tickets before it and {@code open} windows serving its queue. */
    static TicketView.EstimatedWait waitFor(long ahead, int open, Duration mean) {
        WaitEstimator.Estimate estimate = WaitEstimator.estimate(ahead, open, mean);
        return new TicketView.EstimatedWait(estimate.p50(), estimate.p90());
    }

    /** Exponentially weighted mean of samples given newest first. */
    private Duration smoothed(Double[] samples) {
        double alpha = config.serviceTimeSmoothing();
        Double mean = null;
        for (int i = samples.length - 1; i >= 0; i--) {
            Double sample = samples[i];
            if (sample == null) {
                continue;
            }
            mean = mean == null ? sample : alpha * sample + (1 - alpha) * mean;
        }
        return mean == null ? config.defaultServiceTime() : Duration.ofSeconds(Math.max(1, Math.round(mean)));
    }
}
