package io.siban.cases.sla;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A live deadline index: for every running subject (this bean: cases; see {@link CardSubject}), the
 * next instant its card changes (turns YELLOW, RED or LEGAL_BREACH), in sorted sets spread over
 * shards whose keys carry a hash tag, so the index works on Redis Cluster. A paused or closed case is
 * not in it. It is a view: rebuilt from the instants stored in PostgreSQL whenever its marker is missing.
 */
@ApplicationScoped
public class DeadlineIndex {
    public static final int SHARDS = 16;
    /** The cases' keys: {@code siban:sla:{sN}:next} and the marker {@code siban:sla:built}. */
    static final String CASES = "siban:sla";

    private final ReactiveSortedSetCommands<String, String> sets;
    private final ReactiveValueCommands<String, String> values;
    private final String prefix;

    @Inject
    public DeadlineIndex(ReactiveRedisDataSource redis) {
        this(redis, CASES);
    }

    /** The index of another subject, under its own key prefix. */
    public DeadlineIndex(ReactiveRedisDataSource redis, String prefix) {
        this.sets = redis.sortedSet(String.class);
        this.values = redis.value(String.class);
        this.prefix = prefix;
    }

    String key(int shard) {
        return prefix + ":{s" + shard + "}:next";
    }

    private String builtMarker() {
        return prefix + ":built";
    }

    static int shard(UUID id) {
        return Math.floorMod(id.hashCode(), SHARDS);
    }

    /** Schedules the case's next card change, or removes it when there is none. */
    public Uni<Void> schedule(UUID id, Instant next) {
        if (next == null) {
            return remove(id);
        }
        return sets.zadd(key(shard(id)), next.toEpochMilli(), id.toString()).replaceWithVoid();
    }

    /** Schedules many cases at once: one write per shard. */
    public Uni<Void> scheduleAll(java.util.Map<UUID, Instant> next) {
        java.util.Map<Integer, java.util.Map<String, Double>> byShard = new java.util.HashMap<>();
        next.forEach((id, at) -> byShard.computeIfAbsent(shard(id), s -> new java.util.HashMap<>())
                .put(id.toString(), (double) at.toEpochMilli()));
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var entry : byShard.entrySet()) {
            chain = chain.chain(() -> sets.zadd(key(entry.getKey()), entry.getValue()).replaceWithVoid());
        }
        return chain;
    }

    public Uni<Void> remove(UUID id) {
        return sets.zrem(key(shard(id)), id.toString()).replaceWithVoid();
    }

    /** Cases whose next change is at or before {@code now}, at most {@code limit} per shard. */
    public Uni<List<UUID>> due(Instant now, int limit) {
        Uni<List<UUID>> all = Uni.createFrom().item(new ArrayList<>());
        for (int shard = 0; shard < SHARDS; shard++) {
            String key = key(shard);
            all = all.chain(list -> sets.zrangebyscore(key, new ScoreRange<>(Double.NEGATIVE_INFINITY, (double) now.toEpochMilli()),
                            new ZRangeArgs().limit(0, limit))
                    .map(ids -> {
                        ids.forEach(id -> list.add(UUID.fromString(id)));
                        return list;
                    }));
        }
        return all;
    }

    /** When the case's next change is scheduled, or null if it is not indexed. */
    public Uni<Instant> scheduled(UUID id) {
        return sets.zscore(key(shard(id)), id.toString())
                .map(score -> score == null ? null : Instant.ofEpochMilli(score.longValue()));
    }

    public Uni<Boolean> isBuilt() {
        return values.get(builtMarker()).map(v -> v != null);
    }

    /** Forces a rebuild at the next sweep (after a write the index could not take). */
    public Uni<Void> invalidate() {
        return values.getdel(builtMarker()).replaceWithVoid();
    }

    public Uni<Void> markBuilt(Instant at) {
        return values.set(builtMarker(), at.toString());
    }

    /** The next instant after {@code now} at which a running case's card changes, or null. */
    public static Instant next(Instant now, Instant yellowFrom, Instant committedDue, Instant statutoryDue) {
        Instant next = null;
        for (Instant candidate : new Instant[]{yellowFrom, committedDue, statutoryDue}) {
            if (candidate != null && candidate.isAfter(now) && (next == null || candidate.isBefore(next))) {
                next = candidate;
            }
        }
        return next;
    }
}
