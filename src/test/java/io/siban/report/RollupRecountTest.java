package io.siban.report;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a seeded mixed workload (issue, call, start, finish, rate, no-show, reactivate, cancel on two
 * windows), the rollups equal a recount from the raw rows (ratings from the rating table, V21) written
 * here independently of the views, and the SQL buckets are the Java ones.
 */
@QuarkusTest
class RollupRecountTest {
    static final String RECOUNT = """
            with f as (select t.*, (select min(s.at) from ticket_step s where s.ticket_id = t.id and s.step = 'CALLED') as first_call,
                              r.score
                       from ticket t left join rating r on r.ticket_id = t.id and r.excluded_at is null where t.hall_code = ?)
            select count(*) as issued, count(first_call) as called,
                   count(*) filter (where status = 'DONE') as served, count(*) filter (where status = 'NO_SHOW') as no_show,
                   count(*) filter (where status = 'CANCELLED') as cancelled, count(*) filter (where status = 'EXPIRED') as expired,
                   count(*) filter (where first_call - issued_at <= interval '900 seconds') as within_15,
                   coalesce(sum(floor(extract(epoch from first_call - issued_at))), 0) as wait_sum,
                   coalesce(sum(floor(extract(epoch from finished_at - started_at))) filter (where status = 'DONE'), 0) as service_sum,
                   count(score) filter (where status = 'DONE') as rated, count(*) filter (where status = 'DONE' and score >= 4) as satisfied,
                   count(*) filter (where status = 'DONE' and score <= 2) as bad
            from f""";
    static final String ROLLUP = """
            select coalesce(sum(issued), 0) as issued, coalesce(sum(called), 0) as called, coalesce(sum(served), 0) as served,
                   coalesce(sum(no_show), 0) as no_show, coalesce(sum(cancelled), 0) as cancelled, coalesce(sum(expired), 0) as expired,
                   coalesce(sum(within_15), 0) as within_15, coalesce(sum(wait_sum), 0) as wait_sum,
                   coalesce(sum(service_sum), 0) as service_sum, coalesce(sum(rated), 0) as rated,
                   coalesce(sum(satisfied), 0) as satisfied, coalesce(sum(bad), 0) as bad
            from kpi_ticket_day where hall_code = ? and window_number >= 0""";
    static final String RATINGS_RAW = """
            select count(*) as rated, count(*) filter (where score >= 4) as satisfied, count(*) filter (where score <= 2) as bad
            from rating where hall_code = ? and excluded_at is null""";
    static final String RATINGS_ROLLUP = """
            select coalesce(sum(rated), 0) as rated, coalesce(sum(satisfied), 0) as satisfied, coalesce(sum(bad), 0) as bad
            from kpi_rating_day where hall_code = ? and window_number >= 0""";
    static final String SERVED_PER_WINDOW_RAW = """
            select window_number, count(*) from ticket where hall_code = ? and status = 'DONE' group by 1 order by 1""";
    static final String SERVED_PER_WINDOW_ROLLUP = """
            select window_number, sum(served) from kpi_ticket_day where hall_code = ? and window_number >= 0 and served <> 0
            group by 1 order by 1""";
    static final String HISTOGRAM = """
            select coalesce(sum(count), 0) from kpi_ticket_hist where hall_code = ? and window_number >= 0 and measure = 'wait'""";

    @Test
    void rollupsEqualARecountAfterAMixedWorkload() throws Exception {
        String hall = Api.hall("mix-" + UUID.randomUUID().toString().substring(0, 8));
        String kiosk = Api.kioskToken(hall);
        String clerk = Api.staffToken("clerk", hall);
        Random random = new Random(1414);
        List<String> waiting = new ArrayList<>();
        Map<String, String> atWindow = new LinkedHashMap<>();
        List<String> noShows = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (int step = 0; step < 160; step++) {
            int action = random.nextInt(10);
            if (action < 3 || waiting.isEmpty()) {
                waiting.add(Api.kept(as(kiosk).body(Map.of("queueCode", random.nextBoolean() ? "A" : "B",
                                "channel", random.nextBoolean() ? "KIOSK" : "MOBILE"))
                        .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).extract()));
            } else if (action < 5) {
                int window = 1 + random.nextInt(2);
                if (!atWindow.containsValue(Integer.toString(window))) {
                    String called = as(clerk).post("/api/v1/halls/" + hall + "/windows/" + window + "/call-next").then()
                            .extract().path("id");
                    if (called != null) {
                        waiting.remove(called);
                        atWindow.put(called, Integer.toString(window));
                    }
                }
            } else if (action < 7 && !atWindow.isEmpty()) {
                String ticket = atWindow.keySet().iterator().next();
                atWindow.remove(ticket);
                if (random.nextInt(4) == 0) {
                    as(clerk).post("/api/v1/tickets/" + ticket + "/no-show").then().statusCode(200);
                    noShows.add(ticket);
                } else {
                    as(clerk).post("/api/v1/tickets/" + ticket + "/start").then().statusCode(200);
                    as(clerk).body(Map.of("outcome", "CONSULTATION")).post("/api/v1/tickets/" + ticket + "/finish").then().statusCode(200);
                    done.add(ticket);
                }
            } else if (action == 7 && !done.isEmpty()) {
                String ticket = done.remove(random.nextInt(done.size()));
                Api.holder(ticket).body(Map.of("score", 1 + random.nextInt(5))).post("/api/v1/tickets/" + ticket + "/rating")
                        .then().statusCode(200);
            } else if (action == 8 && noShows.size() > 1) {
                String ticket = noShows.remove(0);
                Api.holder(ticket).post("/api/v1/tickets/" + ticket + "/reactivate").then().statusCode(200);
                waiting.add(ticket);
            } else if (!waiting.isEmpty()) {
                String ticket = waiting.remove(random.nextInt(waiting.size()));
                Api.holder(ticket).delete("/api/v1/tickets/" + ticket).then().statusCode(200);
            }
        }
        awaitNumbered(hall);
        assertThat(figures(ROLLUP, hall)).as("rollups against a recount of the raw rows").isEqualTo(figures(RECOUNT, hall));
        assertThat(figures(ROLLUP.replace("window_number >= 0", "window_number = -1"), hall)).as("the rows of the hall and day alone agree")
                .isEqualTo(figures(ROLLUP, hall));
        assertThat(single(HISTOGRAM.replace("window_number >= 0", "window_number = -1"), hall)).isEqualTo(single(HISTOGRAM, hall));
        assertThat(pairs(SERVED_PER_WINDOW_ROLLUP, hall)).isEqualTo(pairs(SERVED_PER_WINDOW_RAW, hall));
        assertThat(single(HISTOGRAM, hall)).as("one wait counted per called ticket").isEqualTo(figures(RECOUNT, hall).get("called"));
        assertThat(figures(RECOUNT, hall).get("no_show")).as("the workload had no-shows").isPositive();
        assertThat(figures(RECOUNT, hall).get("rated")).as("the workload had ratings").isPositive();
        assertThat(figures(RATINGS_ROLLUP, hall)).as("the rating rollups").isEqualTo(figures(RATINGS_RAW, hall));
        assertThat(figures(RATINGS_ROLLUP.replace("window_number >= 0", "window_number = -1"), hall)).isEqualTo(figures(RATINGS_RAW, hall));
    }

    @Test
    void theSqlBucketsAreTheJavaBuckets() throws Exception {
        try (Connection db = LocalServicesResource.connect();
             var statement = db.prepareStatement("select s, kpi_bucket(s) from generate_series(-5, 90000, 7) s");
             ResultSet rows = statement.executeQuery()) {
            int n = 0;
            while (rows.next()) {
                assertThat(rows.getInt(2)).as("%d s", rows.getLong(1)).isEqualTo(Histogram.bucket(rows.getLong(1)));
                n++;
            }
            assertThat(n).isGreaterThan(10_000);
        }
        try (Connection db = LocalServicesResource.connect();
             var statement = db.prepareStatement("select d, kpi_day_bucket(d) from generate_series(0, 120, 0.013) d");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                assertThat(rows.getInt(2)).isEqualTo(Histogram.dayBucket(rows.getBigDecimal(1)));
            }
        }
    }

    static void awaitNumbered(String hall) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (single("select count(*) from event_outbox where hall_code = ? and seq is null", hall) > 0) {
            assertThat(Instant.now()).as("events numbered").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    static long single(String sql, String hall) throws Exception {
        try (Connection db = LocalServicesResource.connect(); var statement = db.prepareStatement(sql)) {
            statement.setString(1, hall);
            try (ResultSet r = statement.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    static Map<String, Long> figures(String sql, String hall) throws Exception {
        try (Connection db = LocalServicesResource.connect(); var statement = db.prepareStatement(sql)) {
            statement.setString(1, hall);
            try (ResultSet r = statement.executeQuery()) {
                r.next();
                Map<String, Long> figures = new LinkedHashMap<>();
                for (int c = 1; c <= r.getMetaData().getColumnCount(); c++) {
                    figures.put(r.getMetaData().getColumnName(c), r.getLong(c));
                }
                return figures;
            }
        }
    }

    static List<String> pairs(String sql, String hall) throws Exception {
        try (Connection db = LocalServicesResource.connect(); var statement = db.prepareStatement(sql)) {
            statement.setString(1, hall);
            try (ResultSet r = statement.executeQuery()) {
                List<String> pairs = new ArrayList<>();
                while (r.next()) {
                    pairs.add(r.getInt(1) + "=" + r.getLong(2));
                }
                return pairs;
            }
        }
    }
}
