package io.siban.report;

import io.siban.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Every statement of the KPI report: sums and percentiles of the V16 (and V21: ratings) rollups for a query's halls,
 * period and filters, grouped by its keys ({@code k0}, {@code k1}), and how their rows are read into
 * the report. The statements are put together from fixed parts only (the group keys of
 * {@link GroupBy}, the filters given); values are parameters.
 *
 * <p>Long because the report's SQL stays in its store: the statements and the folding of their rows
 * into sums share the column names, and split apart each would need the other's.
 */
@ApplicationScoped
public class KpiStore {
    static final String TICKET_SUMS = """
            sum(issued) as issued, sum(called) as called, sum(served) as served, sum(no_show) as no_show,
            sum(cancelled) as cancelled, sum(expired) as expired, sum(within_15) as within_15, sum(wait_sum) as wait_sum,
            sum(walk_count) as walk_count, sum(walk_sum) as walk_sum, sum(service_count) as service_count,
            sum(service_sum) as service_sum, sum(rated) as rated""";
    /** Ratings not excluded (V21), tickets' and cases'. */
    static final String RATING_SUMS = "sum(rated) as rated, sum(satisfied) as satisfied, sum(bad) as bad, sum(rectified) as rectified";
    static final String CASE_SUMS = """
            sum(accepted) as accepted, sum(accepted_closed) as accepted_closed, sum(immediate) as immediate,
            sum(closed) as closed, sum(closed_on_time) as closed_on_time, sum(used_count) as used_count,
            sum(used_sum) as used_sum, sum(speed_used_sum) as speed_used_sum, sum(statutory_sum) as statutory_sum,
            sum(one_visit) as one_visit, sum(notice_violations) as notice_violations, sum(red) as red,
            sum(legal_breach) as legal_breach""";
    /** Window time: the counted days, and the running interval of each open window up to now ($4). */
    static final String APPOINTMENT_SUMS = "sum(booked) as booked, sum(checked_in) as checked_in, sum(missed) as missed, "
            + "sum(cancelled) as cancelled";
    static final String WINDOW_TIME = """
            (select hall_code, window_number, day, open_seconds from kpi_window_day
             where hall_code = any($1) and day between $2 and $3
             union all
             select s.hall_code, s.window_number, d.day, d.seconds
             from kpi_window_state s join hall h on h.code = s.hall_code join calendar c on c.id = h.calendar_id
             cross join lateral kpi_split_days(c.timezone, s.open_since, $4::timestamptz) d
             where s.open_since is not null and s.hall_code = any($1) and d.day between $2 and $3) w""";

    /** The public scorecard's hall name ($1 hall; no row when there is no such hall). */
    static final String HALL_NAME = "select name from hall where code = $1";
    /** The published lists in numbers: items per department and category of the catalogue. */
    static final String PUBLISHED_LISTS = "select department, category, count(*) as items from service_item group by department, category";

    @Inject
    Pool pool;
    @Inject
    ReportConfig config;

    /** The hall's name, or null when there is no such hall. */
    public Uni<String> hallName(String hall) {
        return pool.preparedQuery(HALL_NAME).execute(Tuple.of(hall))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }

    /** Items per (department, category) of the catalogue, as rows of department, category, items. */
    public Uni<RowSet<Row>> publishedLists() {
        return pool.preparedQuery(PUBLISHED_LISTS).execute();
    }

    /** A statement and its parameters. */
    record Statement(String sql, Tuple params) {
    }

    /** A statement whose rows are folded into the report as they arrive. */
    private record Fold(Statement statement, BiConsumer<KpiSums, Row> add) {
    }

    /**
     * Rollup sums and percentiles per key, into {@code into}. The statements run in one read-only
     * transaction under {@link ReportConfig#statementTimeout} and are read through a cursor, a few hundred
     * rows at a time; a report of more than {@link ReportConfig#maxRows} keys stops with a 400.
     */
    public Uni<Void> read(KpiQuery q, List<String> halls, OffsetDateTime now, KpiRows into) {
        List<Fold> folds = new ArrayList<>();
        if (q.reads(GroupBy.Source.TICKETS)) {
            String grain = byHallAndDayOnly(q) ? HALL_DAY_ROWS : FINE_ROWS;
            folds.add(new Fold(sums(q, halls, GroupBy.Source.TICKETS, "kpi_ticket_day " + grain, TICKET_SUMS), KpiStore::tickets));
            folds.add(new Fold(percentiles(q, halls, GroupBy.Source.TICKETS, "kpi_ticket_hist " + grain, "measure"), KpiStore::percentiles));
        }
        if (q.reads(GroupBy.Source.RATINGS)) {
            String grain = byHallAndDayOnly(q) ? HALL_DAY_ROWS : FINE_ROWS;
            folds.add(new Fold(sums(q, halls, GroupBy.Source.RATINGS, "kpi_rating_day " + grain, RATING_SUMS), KpiStore::ratings));
        }
        if (q.reads(GroupBy.Source.CASES)) {
            folds.add(new Fold(sums(q, halls, GroupBy.Source.CASES, "kpi_case_day", CASE_SUMS), KpiStore::cases));
            folds.add(new Fold(percentiles(q, halls, GroupBy.Source.CASES, "kpi_case_hist", "'used'"), KpiStore::percentiles));
        }
        if (q.reads(GroupBy.Source.APPOINTMENTS)) {
            folds.add(new Fold(sums(q, halls, GroupBy.Source.APPOINTMENTS, "kpi_appointment_day", APPOINTMENT_SUMS), KpiStore::appointments));
        }
        if (q.reads(GroupBy.Source.WINDOWS)) {
            folds.add(new Fold(windows(q, halls, now), (s, r) -> s.openSeconds += n(r, "open_seconds")));
        }
        return pool.withTransaction(conn -> {
                    Uni<Void> all = conn.preparedQuery(BOUNDS).execute(Tuple.of(config.statementTimeout().toMillis() + "ms")).replaceWithVoid();
                    for (Fold fold : folds) {
                        all = all.chain(() -> stream(conn, fold, into));
                    }
                    return all;
                })
                .onFailure(KpiStore::timedOut).transform(e -> tooLong(config))
                .invoke(() -> {
                    if (q.reads(GroupBy.Source.WINDOWS)) {
                        for (KpiSums s : into.byKey.values()) {
                            s.windowsKnown = true;
                            s.windowServingSeconds = s.serviceSum;
                        }
                        into.whole.windowsKnown = true;
                    }
                });
    }

    /** Read only, and bounded in time: a report never writes, and never holds a connection for long. */
    static final String BOUNDS = "select set_config('transaction_read_only', 'on', true), set_config('statement_timeout', $1, true)";
    static final int FETCH = 500;
    static final java.time.Duration RETRY_AFTER = java.time.Duration.ofSeconds(30);

    private Uni<Void> stream(SqlConnection conn, Fold fold, KpiRows into) {
        int limit = config.maxRows();
        return conn.prepare(fold.statement().sql())
                .chain(prepared -> prepared.createStream(FETCH, fold.statement().params()).toMulti()
                        .onItem().invoke(row -> fold.add().accept(target(row, into, limit), row))
                        .collect().last()
                        .eventually(prepared::close))
                .replaceWithVoid();
    }

    /** The sums a row adds to: the whole for a percentile row of the whole, else its key's (a new key counted against the limit). */
    private static KpiSums target(Row r, KpiRows into, int limit) {
        if (r.getColumnIndex("whole") >= 0 && Boolean.TRUE.equals(r.getBoolean("whole"))) {
            return into.whole;
        }
        String[] key = new String[keyCount(r)];
        for (int i = 0; i < key.length; i++) {
            key[i] = r.getString("k" + i);
        }
        List<String> k = Arrays.asList(key);
        KpiSums sums = into.byKey.get(k);
        if (sums == null) {
            if (into.byKey.size() >= limit) {
                throw ProblemException.invalid("groupBy", "the report would have more than " + limit
                        + " rows; ask for a shorter period or fewer groups");
            }
            sums = new KpiSums();
            into.byKey.put(k, sums);
        }
        return sums;
    }

    static ProblemException tooLong(ReportConfig config) {
        return ProblemException.unavailable("the report took longer than " + config.statementTimeout().toSeconds()
                + " s; ask for a shorter period or fewer groups", RETRY_AFTER);
    }

    /** A statement cancelled by its timeout, alone or with a failure of closing the cursor after it. */
    private static boolean timedOut(Throwable e) {
        if (e instanceof io.smallrye.mutiny.CompositeException composite) {
            return composite.getCauses().stream().anyMatch(KpiStore::timedOut);
        }
        return e instanceof PgException pg && "57014".equals(pg.getSqlState()) || e.getCause() != null && e.getCause() != e && timedOut(e.getCause());
    }

    /** The ticket and rating rollups' rows of a hall and day alone (V16, V21: window -1), and their fine rows. */
    static final String HALL_DAY_ROWS = "r where r.window_number = -1 and";
    static final String FINE_ROWS = "r where r.window_number >= 0 and";

    /**
     * Whether the query needs tickets and ratings per hall and day only (no other dimension grouped or filtered): then
     * it reads the rows of a hall and day alone, a few hundred a year instead of about a million.
     */
    static boolean byHallAndDayOnly(KpiQuery q) {
        return HALL_AND_DAYS.containsAll(q.groupBy()) && q.department() == null && q.category() == null && q.channel() == null
                && q.window() == null;
    }

    private static final java.util.Set<GroupBy> HALL_AND_DAYS = java.util.EnumSet.of(GroupBy.HALL, GroupBy.DAY, GroupBy.WEEK, GroupBy.MONTH);

    private static int keyCount(Row r) {
        int n = 0;
        while (r.getColumnIndex("k" + n) >= 0) {
            n++;
        }
        return n;
    }

    /** Key columns, filters and parameters shared by the statements of one rollup. */
    private static final class Parts {
        final StringBuilder keys = new StringBuilder();
        final StringBuilder where = new StringBuilder("hall_code = any($1) and day between $2 and $3");
        final List<Object> params = new ArrayList<>();
        int groups;

        Parts(KpiQuery q, List<String> halls, GroupBy.Source source, int reserved) {
            params.add(halls.toArray(String[]::new));
            params.add(q.from());
            params.add(q.to());
            for (int i = 3; i < reserved; i++) {
                params.add(null);
            }
            for (GroupBy g : q.groupBy()) {
                keys.append(g.sql(source)).append(" as k").append(groups++).append(", ");
            }
            if (source != GroupBy.Source.WINDOWS) {
                filter("department", q.department());
                filter("category", q.category() == null ? null : q.category().name());
                filter("channel", q.channel());
            }
            if (source != GroupBy.Source.CASES && source != GroupBy.Source.APPOINTMENTS) {
                filter("window_number", q.window());
            }
        }

        void filter(String column, Object value) {
            if (value != null) {
                params.add(value);
                where.append(" and ").append(column).append(" = $").append(params.size());
            }
        }

        String groupBy(String... more) {
            List<String> cols = new ArrayList<>();
            for (int i = 1; i <= groups; i++) {
                cols.add(Integer.toString(i));
            }
            cols.addAll(List.of(more));
            return cols.isEmpty() ? "" : " group by " + String.join(", ", cols);
        }

        Tuple tuple() {
            return Tuple.from(params);
        }
    }

    static Statement sums(KpiQuery q, List<String> halls, GroupBy.Source source, String table, String sums) {
        Parts p = new Parts(q, halls, source, 3);
        return new Statement("select " + p.keys + sums + " from " + from(table) + p.where + p.groupBy(), p.tuple());
    }

    /**
     * The nearest-rank P50 and P90 buckets (rank ⌈p·n⌉, {@link Histogram#rankBucket} in SQL) of each key's
     * summed histogram per measure, and of the whole period's ({@code whole}: grouping sets), so that
     * no histogram leaves the database.
     */
    static Statement percentiles(KpiQuery q, List<String> halls, GroupBy.Source source, String table, String measure) {
        Parts p = new Parts(q, halls, source, 3);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < p.groups; i++) {
            keys.add("k" + i);
        }
        String keyColumns = keys.isEmpty() ? "" : String.join(", ", keys) + ", ";
        String sets = keys.isEmpty() ? "(measure, bucket)" : "(" + keyColumns + "measure, bucket), (measure, bucket)";
        String whole = keys.isEmpty() ? "true" : "grouping(" + String.join(", ", keys) + ") <> 0";
        String partition = keyColumns + "whole, measure";
        String summed = "select " + keyColumns + "measure, bucket, sum(n) as n, " + whole + " as whole from (select " + p.keys + measure
                + " as measure, bucket, count as n from " + from(table) + p.where + ") f group by grouping sets (" + sets + ")";
        return new Statement("select " + keyColumns + "whole, measure, "
                + "min(bucket) filter (where cum >= greatest(1, ceil(0.5 * total))) as p50, "
                + "min(bucket) filter (where cum >= greatest(1, ceil(0.9 * total))) as p90 "
                + "from (select h.*, sum(n) over (partition by " + partition + " order by bucket) as cum, "
                + "sum(n) over (partition by " + partition + ") as total from (" + summed + ") h where n > 0) x "
                + "group by " + partition, p.tuple());
    }

    /** A table, or a table with its grain condition, ready for the statement's conditions. */
    private static String from(String table) {
        return table.endsWith(" and") ? table + " " : table + " where ";
    }

    static Statement windows(KpiQuery q, List<String> halls, OffsetDateTime now) {
        Parts p = new Parts(q, halls, GroupBy.Source.WINDOWS, 4);
        p.params.set(3, now);
        String where = p.where.substring("hall_code = any($1) and day between $2 and $3".length());
        return new Statement("select " + p.keys + "sum(open_seconds) as open_seconds from " + WINDOW_TIME
                + " where true" + where + p.groupBy(), p.tuple());
    }

    private static long n(Row r, String column) {
        Long value = r.getLong(column);
        return value == null ? 0 : value;
    }

    private static java.math.BigDecimal decimal(Row r, String column) {
        java.math.BigDecimal value = r.getBigDecimal(column);
        return value == null ? java.math.BigDecimal.ZERO : value;
    }

    private static void tickets(KpiSums s, Row r) {
        s.issued += n(r, "issued");
        s.called += n(r, "called");
        s.served += n(r, "served");
        s.noShow += n(r, "no_show");
        s.cancelled += n(r, "cancelled");
        s.expired += n(r, "expired");
        s.within15 += n(r, "within_15");
        s.waitSum += n(r, "wait_sum");
        s.walkCount += n(r, "walk_count");
        s.walkSum += n(r, "walk_sum");
        s.serviceCount += n(r, "service_count");
        s.serviceSum += n(r, "service_sum");
        s.ratedTickets += n(r, "rated");
    }

    private static void ratings(KpiSums s, Row r) {
        s.ratings += n(r, "rated");
        s.satisfied += n(r, "satisfied");
        s.bad += n(r, "bad");
        s.rectified += n(r, "rectified");
    }

    private static void appointments(KpiSums s, Row r) {
        s.booked += n(r, "booked");
        s.checkedIn += n(r, "checked_in");
        s.missed += n(r, "missed");
        s.cancelledBookings += n(r, "cancelled");
    }

    private static void percentiles(KpiSums s, Row r) {
        Integer p50 = r.getInteger("p50");
        Integer p90 = r.getInteger("p90");
        switch (r.getString("measure")) {
            case "wait" -> {
                s.waitP50 = p50;
                s.waitP90 = p90;
            }
            case "walk" -> s.walkP50 = p50;
            case "service" -> {
                s.serviceP50 = p50;
                s.serviceP90 = p90;
            }
            default -> s.usedP90 = p90;
        }
    }

    private static void cases(KpiSums s, Row r) {
        s.accepted += n(r, "accepted");
        s.acceptedClosed += n(r, "accepted_closed");
        s.immediate += n(r, "immediate");
        s.closed += n(r, "closed");
        s.closedOnTime += n(r, "closed_on_time");
        s.usedCount += n(r, "used_count");
        s.usedSum = s.usedSum.add(decimal(r, "used_sum"));
        s.speedUsedSum = s.speedUsedSum.add(decimal(r, "speed_used_sum"));
        s.statutorySum = s.statutorySum.add(decimal(r, "statutory_sum"));
        s.oneVisit += n(r, "one_visit");
        s.noticeViolations += n(r, "notice_violations");
        s.red += n(r, "red");
        s.legalBreach += n(r, "legal_breach");
    }

}
