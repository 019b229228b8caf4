package io.siban.feedback;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.siban.common.Clocks;
import io.siban.common.TouchedHalls;
import io.siban.feedback.dto.RectificationSummary;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


/**
 * Each hall's rectification counters in Redis (open, contact overdue, yellow, red, overdue), recounted
 * from PostgreSQL after its rectifications move or change card, at the next sweep, like the cases'
 * SLA counters: a recount cannot drift, and a hall whose counters are missing is recounted on read.
 */
@ApplicationScoped
public class FeedbackCounters {
    private final ReactiveValueCommands<String, String> values;
    private final TouchedHalls touched = new TouchedHalls();

    @Inject
    Pool pool;
    @Inject
    Clocks clocks;

    @Inject
    public FeedbackCounters(ReactiveRedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    static String key(String hall) {
        return "siban:fb:counts:{" + hall + "}";
    }

    /** A rectification of the hall moved, changed card or was written outside the service (the demo's history): recount at the next sweep. */
    public void touched(String hall) {
        touched.touch(hall);
    }

    Uni<Void> recountTouched() {
        return touched.recountEach(this::recount);
    }

    /** The hall's counters from Redis, recounted first if Redis has none. */
    public Uni<RectificationSummary.Hall> of(String hall) {
        return values.get(key(hall)).chain(text -> text != null ? Uni.createFrom().item(parse(hall, text)) : recount(hall));
    }

    Uni<RectificationSummary.Hall> recount(String hall) {
        return pool.preparedQuery(RectificationStore.RECOUNT).execute(Tuple.of(hall, clocks.now()))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new RectificationSummary.Hall(hall, r.getLong("open"), r.getLong("contact_overdue"), r.getLong("yellow"),
                            r.getLong("red"), r.getLong("overdue"));
                })
                .call(counts -> values.set(key(hall), counts.open() + " " + counts.contactOverdue() + " " + counts.yellow() + " "
                        + counts.red() + " " + counts.overdue()).onFailure().recoverWithNull());
    }

    private static RectificationSummary.Hall parse(String hall, String text) {
        String[] n = text.split(" ");
        return new RectificationSummary.Hall(hall, Long.parseLong(n[0]), Long.parseLong(n[1]), Long.parseLong(n[2]),
                Long.parseLong(n[3]), Long.parseLong(n[4]));
    }
}
