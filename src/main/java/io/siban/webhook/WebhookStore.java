package io.siban.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Every statement of the webhooks: subscriptions, the fan-out of numbered events, lanes and the delivery log. */
@ApplicationScoped
public class WebhookStore {
    /** Held while events are turned into deliveries, so one instance fans out at a time. */
    static final long FANOUT_LOCK = 0x51BA_0027L;
    /** Events read per hall and fan-out. */
    static final int FANOUT_BATCH = 500;
    /** Deliveries a lane reads at a time (then sends them one by one, in order). */
    static final int LANE_BATCH = 200;

    static final String INSERT_SUBSCRIPTION = """
            with s as (insert into webhook_subscription (id, url, events, hall_code, secret_sealed, created_by, created_at)
                       values ($1, $2, $3, $4, $5, $6, $7) returning id)
            insert into webhook_lane (subscription_id) select id from s""";
    static final String SUBSCRIPTION_COLUMNS = "id, url, events, hall_code, created_at";
    static final String LIST = "select " + SUBSCRIPTION_COLUMNS + " from webhook_subscription where ($1::text is null or hall_code = $1 or hall_code is null) order by created_at, id";
    static final String FIND = "select " + SUBSCRIPTION_COLUMNS + " from webhook_subscription where id = $1";
    static final String DELETE = "delete from webhook_subscription where id = $1";
    static final String HALL_EXISTS = "select 1 from hall where code = $1";

    static final String DELIVERY_COLUMNS = """
            id, event_id, event_type, hall_code, status, attempts, created_at, last_attempt_at, next_attempt_at,
            last_status, last_error, delivered_at""";
    /** A page's total is counted up to this many (the log of a busy subscription holds far more). */
    static final int COUNT_AT_MOST = 10_000;
    static final String DELIVERIES = "select " + DELIVERY_COLUMNS + ", (select count(*) from (select 1 from webhook_delivery"
            + " where subscription_id = $1 and ($2::text is null or status = $2) limit " + COUNT_AT_MOST + ") c) as total from webhook_delivery"
            + " where subscription_id = $1 and ($2::text is null or status = $2) order by id desc limit $3 offset $4";
    /** Rows pruned from the delivery log per statement. */
    static final int PRUNE_BATCH = 1000;
    /** Delivered rows older than $1 and dead ones older than $2 leave the log, a batch at a time. */
    static final String PRUNE = """
            delete from webhook_delivery where id in (
                select id from webhook_delivery
                where status = 'DELIVERED' and delivered_at < $1 or status = 'DEAD' and coalesce(last_attempt_at, created_at) < $2
                limit %d)""".formatted(PRUNE_BATCH);
    /**
     * A DEAD or DELIVERED delivery goes again as a fresh one: attempts, last status and error cleared (its
     * backoff starts at the base again, not at the cap), a new 24 h; as the lane's head if older than the rest.
     */
    static final String REDELIVER = """
            update webhook_delivery set status = 'PENDING', attempts = 0, last_status = null, last_error = null,
                   first_attempt_at = null, next_attempt_at = $3, delivered_at = null
            where id = $2 and subscription_id = $1 and status in ('DEAD', 'DELIVERED') returning id""";
    static final String DELIVERY_STATUS = "select status from webhook_delivery where id = $2 and subscription_id = $1";

    static final String SUBSCRIPTIONS = "select id, events, hall_code from webhook_subscription";
    /** Numbered events after each hall's fan-out mark, in order (the same shape as the publisher's undelivered read). */
    static final String UNFANNED = """
            select e.id, e.hall_code, e.seq, e.type, e.payload ->> 'state', e.payload ->> 'card'
            from hall_event_seq s
            left join webhook_fanout f on f.hall_code = s.hall_code
            cross join lateral (select * from event_outbox e
                                where e.hall_code = s.hall_code and e.seq > coalesce(f.fanned_seq, 0)
                                order by e.seq limit %d) e
            where s.last_seq > coalesce(f.fanned_seq, 0)
            order by e.hall_code, e.seq""".formatted(FANOUT_BATCH);
    static final String INSERT_DELIVERIES = """
            insert into webhook_delivery (subscription_id, event_id, event_type, hall_code, created_at, next_attempt_at)
            select s, e, t, h, $5, $5 from unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[]) with ordinality as x(s, e, t, h, n)
            order by n
            on conflict (subscription_id, event_id, event_type) do nothing""";
    static final String ADVANCE = """
            insert into webhook_fanout (hall_code, fanned_seq) select h, s from unnest($1::text[], $2::bigint[]) as x(h, s)
            on conflict (hall_code) do update set fanned_seq = greatest(webhook_fanout.fanned_seq, excluded.fanned_seq)""";
    /** With no subscription, every hall's mark moves to its last number: nothing to deliver, nothing to read. */
    static final String ADVANCE_ALL = """
            insert into webhook_fanout (hall_code, fanned_seq) select hall_code, last_seq from hall_event_seq
            on conflict (hall_code) do update set fanned_seq = excluded.fanned_seq
            where webhook_fanout.fanned_seq < excluded.fanned_seq""";

    /**
     * Lanes whose head is due ($3, the service's clock, which tests may move) and whose lease is free or
     * expired, claimed for this instance. Leases are set and compared in the database's time only, so
     * instances whose clocks differ never both hold a lane.
     */
    static final String CLAIM = """
            update webhook_lane l set holder = $1, lease_until = clock_timestamp() + $2 * interval '1 millisecond'
            where l.subscription_id in (
                select c.subscription_id from webhook_lane c
                where (c.lease_until is null or c.lease_until < clock_timestamp()) and not (c.subscription_id = any($4::uuid[]))
                  and (select d.next_attempt_at from webhook_delivery d
                       where d.subscription_id = c.subscription_id and d.status in ('PENDING', 'FAILED')
                       order by d.id limit 1) <= $3
                order by random() limit $5 for update skip locked)
              and (l.lease_until is null or l.lease_until < clock_timestamp())
            returning l.subscription_id""";
    static final String HEAD = """
            select d.id, d.event_type, d.hall_code, d.attempts, d.first_attempt_at, d.next_attempt_at,
                   e.payload, e.created_at, s.url, s.secret_sealed
            from webhook_delivery d
            join webhook_subscription s on s.id = d.subscription_id
            left join event_outbox e on e.id = d.event_id
            where d.subscription_id = $1 and d.status in ('PENDING', 'FAILED')
            order by d.id limit %d""".formatted(LANE_BATCH);
    /** A run's outcomes, only while this instance still holds the lane (renewing its lease). */
    static final String RECORD = """
            with lane as (update webhook_lane set lease_until = clock_timestamp() + $2 * interval '1 millisecond' where subscription_id = $1 and holder = $3 returning 1)
            update webhook_delivery d set status = x.status, attempts = d.attempts + 1, first_attempt_at = coalesce(d.first_attempt_at, x.at),
                   last_attempt_at = x.at, next_attempt_at = coalesce(x.next, d.next_attempt_at), last_status = x.http, last_error = x.error,
                   delivered_at = x.delivered
            from unnest($4::bigint[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::int[], $9::text[], $10::timestamptz[])
                 as x(id, status, at, next, http, error, delivered)
            where d.id = x.id and exists (select 1 from lane) returning d.id""";
    static final String RELEASE = "update webhook_lane set holder = null, lease_until = null where subscription_id = $1 and holder = $2";
    /**
     * The backlog: deliveries never attempted yet (and the age of the oldest: the lag of healthy lanes)
     * apart from those being retried, so one receiver that is down does not read as every lane lagging.
     */
    static final String BACKLOG = """
            select count(*) filter (where status = 'PENDING' and attempts = 0),
                   coalesce(extract(epoch from $1::timestamptz - min(created_at) filter (where status = 'PENDING' and attempts = 0)), 0),
                   count(*) filter (where status = 'FAILED' or attempts > 0)
            from webhook_delivery where status in ('PENDING', 'FAILED')""";

    @Inject
    Pool pool;

    Uni<Void> insert(UUID id, String url, List<String> events, String hall, String sealed, String by, OffsetDateTime at) {
        return pool.preparedQuery(INSERT_SUBSCRIPTION)
                .execute(Tuple.from(List.of(id, url, events.toArray(String[]::new))).addValue(hall).addValue(sealed).addValue(by).addValue(at))
                .replaceWithVoid();
    }

    Uni<Boolean> hallExists(String hall) {
        return pool.preparedQuery(HALL_EXISTS).execute(Tuple.of(hall)).map(rows -> rows.size() > 0);
    }

    Uni<RowSet<Row>> list(String hall) {
        return pool.preparedQuery(LIST).execute(Tuple.of(hall));
    }

    Uni<Row> find(UUID id) {
        return pool.preparedQuery(FIND).execute(Tuple.of(id)).map(WebhookStore::first);
    }

    Uni<Boolean> delete(UUID id) {
        return pool.preparedQuery(DELETE).execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0);
    }

    Uni<RowSet<Row>> deliveries(UUID id, String status, int page, int size) {
        return pool.preparedQuery(DELIVERIES).execute(Tuple.of(id, status, size, page * size));
    }

    /** Emits the delivery's status before, or null when it does not exist: "REDELIVERED" when it was put back in line. */
    Uni<String> redeliver(UUID id, long delivery, OffsetDateTime now) {
        return pool.preparedQuery(REDELIVER).execute(Tuple.of(id, delivery, now))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().item("REDELIVERED")
                        : pool.preparedQuery(DELIVERY_STATUS).execute(Tuple.of(id, delivery))
                                .map(found -> found.size() == 0 ? null : found.iterator().next().getString(0)));
    }

    static Uni<RowSet<Row>> subscriptions(SqlConnection conn) {
        return conn.preparedQuery(SUBSCRIPTIONS).execute();
    }

    static Uni<RowSet<Row>> unfanned(SqlConnection conn) {
        return conn.preparedQuery(UNFANNED).execute();
    }

    static Uni<Void> insertDeliveries(SqlConnection conn, List<Object[]> rows, OffsetDateTime now) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] subs = new UUID[rows.size()];
        Long[] events = new Long[rows.size()];
        String[] types = new String[rows.size()];
        String[] halls = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            subs[i] = (UUID) rows.get(i)[0];
            events[i] = (Long) rows.get(i)[1];
            types[i] = (String) rows.get(i)[2];
            halls[i] = (String) rows.get(i)[3];
        }
        return conn.preparedQuery(INSERT_DELIVERIES).execute(Tuple.of(subs, events, types, halls, now)).replaceWithVoid();
    }

    static Uni<Void> advance(SqlConnection conn, List<String> halls, List<Long> seqs) {
        return conn.preparedQuery(ADVANCE).execute(Tuple.of(halls.toArray(String[]::new), seqs.toArray(Long[]::new))).replaceWithVoid();
    }

    static Uni<Void> advanceAll(SqlConnection conn) {
        return conn.preparedQuery(ADVANCE_ALL).execute().replaceWithVoid();
    }

    static Uni<Boolean> tryLock(SqlConnection conn, long key) {
        return conn.preparedQuery("select pg_try_advisory_xact_lock($1)").execute(Tuple.of(key))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    Uni<List<UUID>> claim(String holder, long leaseMillis, OffsetDateTime now, UUID[] running, int max) {
        return pool.preparedQuery(CLAIM).execute(Tuple.from(List.of(holder, leaseMillis, now, running, max))).map(rows -> {
            List<UUID> claimed = new ArrayList<>();
            rows.forEach(r -> claimed.add(r.getUUID(0)));
            return claimed;
        });
    }

    Uni<RowSet<Row>> head(UUID lane) {
        return pool.preparedQuery(HEAD).execute(Tuple.of(lane));
    }

    /** Records a run's attempts; emits false when the lane was lost (another instance took it over). */
    Uni<Boolean> record(UUID lane, String holder, long leaseMillis, List<Attempt> run) {
        int n = run.size();
        Long[] ids = new Long[n];
        String[] statuses = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        OffsetDateTime[] next = new OffsetDateTime[n];
        Integer[] http = new Integer[n];
        String[] errors = new String[n];
        OffsetDateTime[] delivered = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            Attempt a = run.get(i);
            ids[i] = a.delivery();
            statuses[i] = a.status();
            at[i] = a.at();
            next[i] = a.next();
            http[i] = a.httpStatus();
            errors[i] = a.error();
            delivered[i] = a.deliveredAt();
        }
        return pool.preparedQuery(RECORD).execute(Tuple.from(List.of(lane, leaseMillis, holder, ids, statuses, at, next, http, errors, delivered)))
                .map(rows -> rows.size() > 0);
    }

    Uni<Void> release(UUID lane, String holder) {
        return pool.preparedQuery(RELEASE).execute(Tuple.of(lane, holder)).replaceWithVoid();
    }

    /** Deletes one batch of old delivered and dead rows; emits how many. */
    Uni<Integer> prune(OffsetDateTime deliveredBefore, OffsetDateTime deadBefore) {
        return pool.preparedQuery(PRUNE).execute(Tuple.of(deliveredBefore, deadBefore)).map(RowSet::rowCount);
    }

    Uni<Row> backlog(OffsetDateTime now) {
        return pool.preparedQuery(BACKLOG).execute(Tuple.of(now)).map(WebhookStore::first);
    }

    /** What an attempt leaves in the log. */
    record Attempt(long delivery, String status, OffsetDateTime at, OffsetDateTime next, Integer httpStatus, String error, OffsetDateTime deliveredAt) {
    }

    private static Row first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : rows.iterator().next();
    }
}
