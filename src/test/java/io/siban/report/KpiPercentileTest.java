package io.siban.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import static io.siban.report.KpiReportTest.report;
import static io.siban.report.KpiReportTest.row;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * The percentiles the report computes in SQL from the summed histograms are Java's nearest rank
 * ({@link Histogram#rankBucket}) for each key and for the whole, on seeded random histograms written
 * straight into the rollup tables; and the report's bounds: too many rows is a 400 that names groupBy.
 */
@QuarkusTest
class KpiPercentileTest {
    static final String INSERT = """
            insert into kpi_ticket_hist (hall_code, day, queue_code, window_number, clerk, item_code, department, category, channel,
                                         measure, bucket, count)
            values (?, ?, 'A', ?, '', '', '', '', 'KIOSK', ?, ?, ?)
            on conflict (hall_code, day, queue_code, window_number, clerk, item_code, department, category, channel, measure, bucket)
                do update set count = kpi_ticket_hist.count + excluded.count""";

    @Test
    void percentilesPerKeyAndForTheWholeAreTheNearestRank() throws Exception {
        String hall = Api.hall("pct-" + UUID.randomUUID().toString().substring(0, 8));
        String supervisor = Api.staffToken("supervisor", hall);
        Random random = new Random(20261201);
        Map<Integer, Map<String, SortedMap<Integer, Long>>> byWindow = new HashMap<>();
        Map<String, SortedMap<Integer, Long>> whole = new HashMap<>();
        try (Connection db = LocalServicesResource.connect(); PreparedStatement insert = db.prepareStatement(INSERT)) {
            for (int i = 0; i < 1_500; i++) {
                int window = random.nextInt(4); // 0: no window
                String measure = random.nextBoolean() ? "wait" : "service";
                int bucket = random.nextInt(5) == 0 ? 360 + random.nextInt(301) : random.nextInt(360);
                long count = 1 + random.nextInt(4);
                LocalDate day = LocalDate.parse("2026-10-01").plusDays(random.nextInt(5));
                for (int grain : new int[]{window, -1}) {
                    insert.setString(1, hall);
                    insert.setObject(2, day);
                    insert.setInt(3, grain);
                    insert.setString(4, measure);
                    insert.setInt(5, bucket);
                    insert.setLong(6, count);
                    insert.addBatch();
                }
                byWindow.computeIfAbsent(window, w -> new HashMap<>()).computeIfAbsent(measure, m -> new TreeMap<>()).merge(bucket, count, Long::sum);
                whole.computeIfAbsent(measure, m -> new TreeMap<>()).merge(bucket, count, Long::sum);
            }
            insert.executeBatch();
        }
        String period = "hall=" + hall + "&from=2026-10-01&to=2026-10-31";
        JsonPath grouped = report(supervisor, period + "&groupBy=window");
        for (Map.Entry<Integer, Map<String, SortedMap<Integer, Long>>> w : byWindow.entrySet()) {
            Map<String, Object> r = w.getKey() == 0
                    ? KpiReportTest.rows(grouped).stream().filter(m -> m.get("key.window") == null).findFirst().orElseThrow()
                    : row(grouped, "window", Integer.toString(w.getKey()));
            assertPercentiles(r, w.getValue(), "window " + w.getKey());
        }
        assertPercentiles(flat(grouped, "total"), whole, "the whole, grouped");
        JsonPath ungrouped = report(supervisor, period);
        assertPercentiles(flat(ungrouped, "total"), whole, "the whole, ungrouped");
        assertPercentiles(KpiReportTest.rows(ungrouped).get(0), whole, "the one row");
    }

    @Test
    void aReportOfTooManyRowsIsRefusedNamingGroupBy() throws Exception {
        String hall = Api.hall("big-" + UUID.randomUUID().toString().substring(0, 8));
        String supervisor = Api.staffToken("supervisor", hall);
        try (Connection db = LocalServicesResource.connect(); var statement = db.createStatement()) {
            // more clerks × days than the test profile's row limit
            statement.execute("insert into kpi_ticket_day (hall_code, day, queue_code, window_number, clerk, item_code, department, "
                    + "category, channel, issued) select '" + hall + "', date '2026-10-01' + d, 'A', 1, 'clerk-' || c, '', '', '', 'KIOSK', 1 "
                    + "from generate_series(0, 30) d, generate_series(1, 40) c");
        }
        String query = "/api/v1/reports/kpis?hall=" + hall + "&from=2026-10-01&to=2026-10-31&groupBy=clerk,day";
        for (String accept : new String[]{"application/json", "text/csv"}) {
            as(supervisor).accept(accept).get(query).then().statusCode(400).contentType(containsString("application/problem+json"))
                    .body("violations[0].field", org.hamcrest.Matchers.equalTo("groupBy"));
        }
        as(supervisor).accept("application/json").get(query.replace("groupBy=clerk,day", "groupBy=clerk")).then().statusCode(200);
    }

    private static void assertPercentiles(Map<String, Object> row, Map<String, SortedMap<Integer, Long>> histograms, String what) {
        for (String measure : new String[]{"wait", "service"}) {
            SortedMap<Integer, Long> h = histograms.getOrDefault(measure, new TreeMap<>());
            assertThat(number(row.get("tickets." + measure + "P50Seconds"))).as("%s %s P50", what, measure)
                    .isEqualTo(Histogram.secondsPercentile(h, 0.5));
            assertThat(number(row.get("tickets." + measure + "P90Seconds"))).as("%s %s P90", what, measure)
                    .isEqualTo(Histogram.secondsPercentile(h, 0.9));
        }
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flat(JsonPath r, String path) {
        Map<String, Object> f = new HashMap<>();
        ((Map<String, Object>) r.get(path + ".tickets")).forEach((k, v) -> f.put("tickets." + k, v));
        return f;
    }
}
