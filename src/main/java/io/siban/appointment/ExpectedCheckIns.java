package io.siban.appointment;

import io.siban.queue.ExpectedArrivals;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The booked appointments a queue still expects, for the walk-ins' estimates: read from PostgreSQL and
 * remembered per queue for {@link #FRESH} (a few seconds' staleness moves an estimate by a booking at most,
 * and the issue path is spared a statement per ticket). A booking still counts until its check-in window
 * closes; one checked in is in the line itself.
 */
@ApplicationScoped
public class ExpectedCheckIns implements ExpectedArrivals {
    static final Duration FRESH = Duration.ofSeconds(5);

    @Inject
    Pool pool;
    @Inject
    AppointmentConfig config;

    /** What was read for a queue: slot starts from {@code from} up to {@code until}. */
    private record Read(Instant readAt, Instant until, List<Instant> starts) {
    }

    private final Map<String, Read> remembered = new ConcurrentHashMap<>();

    @Override
    public Uni<List<Instant>> expected(String hall, String queue, Instant now, Duration within) {
        String key = hall + "\u0000" + queue;
        Instant until = now.plus(within);
        Instant from = now.minus(config.checkInAfter());
        Read held = remembered.get(key);
        if (held != null && !held.readAt().isAfter(now) && held.readAt().plus(FRESH).isAfter(now) && !held.until().isBefore(until)) {
            return Uni.createFrom().item(held.starts().stream().filter(s -> !s.isBefore(from) && s.isBefore(until)).toList());
        }
        Instant readUntil = until.plus(FRESH);
        return pool.preparedQuery(AppointmentStore.EXPECTED)
                .execute(Tuple.of(hall, queue, from.atOffset(ZoneOffset.UTC), readUntil.atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<Instant> starts = new ArrayList<>();
                    rows.forEach(r -> starts.add(r.getOffsetDateTime("slot_start").toInstant()));
                    if (remembered.size() > 10_000) {
                        remembered.clear();
                    }
                    remembered.put(key, new Read(now, readUntil, List.copyOf(starts)));
                    return starts.stream().filter(s -> s.isBefore(until)).toList();
                });
    }
}
