package io.siban.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.siban.cases.sla.CardSweeper;
import io.siban.common.Clocks;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.siban.support.Api.adminToken;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The KPI report on a scenario with known answers (Monday 12 October 2026 in a hall of Asia/Shanghai):
 * every KPI asserted, JSON and CSV equal, and the rollups equal to a rebuild from raw rows and
 * unchanged by a batch numbered again. Long because the scenario and its expected figures read best
 * in one place, with the small HTTP helpers it needs.
 */
@QuarkusTest
class KpiReportTest {
    static final List<String> DOCUMENTS = List.of("申请书", "营业执照", "场所平面图");
    static final String PERIOD = "from=2026-10-01&to=2026-10-31";
    static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Clocks clocks;
    @Inject
    CardSweeper sweeper;
    @Inject
    Rollups rollups;
    @Inject
    io.siban.queue.TicketExpiry expiry;

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    void at(String local) {
        clocks.use(Clock.fixed(OffsetDateTime.parse(local + "+08:00").toInstant(), ZoneOffset.UTC));
    }

    @Test
    void everyKpiOfAKnownDayIsExactInJsonAndCsvAndSurvivesARebuildAndAReplay() throws Exception {
        at("2026-10-12T09:00:00");
        String hall = Api.hall("kpi-" + UUID.randomUUID().toString().substring(0, 8));
        String kiosk = Api.kioskToken(hall);
        String clerk = Api.staffToken("clerk", hall);
        String supervisor = Api.staffToken("supervisor", hall);
        String[] t = new String[6];
        for (int i = 0; i < t.length; i++) {
            t[i] = Api.kept(as(kiosk).body(Map.of("queueCode", "A", "channel", "KIOSK"))
                    .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).extract());
        }
        at("2026-10-12T09:02:00");
        assertThat(callNext(clerk, hall, 1)).isEqualTo(t[0]);
        at("2026-10-12T09:03:00");
        as(clerk).post("/api/v1/tickets/" + t[0] + "/start").then().statusCode(200);
        at("2026-10-12T09:05:00");
        assertThat(callNext(clerk, hall, 2)).isEqualTo(t[1]);
        at("2026-10-12T09:06:00");
        as(clerk).post("/api/v1/tickets/" + t[1] + "/start").then().statusCode(200);
        at("2026-10-12T09:13:00");
        finish(clerk, t[0]);
        Api.holder(t[0]).body(Map.of("score", 5)).post("/api/v1/tickets/" + t[0] + "/rating").then().statusCode(200);
        at("2026-10-12T09:20:00");
        assertThat(callNext(clerk, hall, 1)).isEqualTo(t[2]);
        at("2026-10-12T09:25:00");
        as(clerk).post("/api/v1/tickets/" + t[2] + "/no-show").then().statusCode(200);
        at("2026-10-12T09:26:00");
        finish(clerk, t[1]);
        Api.holder(t[1]).body(Map.of("score", 1)).post("/api/v1/tickets/" + t[1] + "/rating").then().statusCode(200);
        at("2026-10-12T09:30:00");
        assertThat(callNext(clerk, hall, 1)).isEqualTo(t[3]);
        as(clerk).post("/api/v1/tickets/" + t[3] + "/start").then().statusCode(200);
        at("2026-10-12T09:31:00");
        Api.holder(t[4]).delete("/api/v1/tickets/" + t[4]).then().statusCode(200);
        at("2026-10-12T09:40:00");
        finish(clerk, t[3]);
        // t[5] is left waiting: it expires with its day

        at("2026-10-12T10:00:00");
        String timeLimited = item("TIME_LIMITED");
        String immediate = item("IMMEDIATE");
        String quick = createCase(hall, timeLimited, clerk);
        String slower = createCase(hall, timeLimited, clerk);
        String late = createCase(hall, timeLimited, clerk);
        createCase(hall, immediate, clerk);
        at("2026-10-12T12:00:00");
        for (int w = 1; w <= 2; w++) {
            as(adminToken()).body(Map.of("status", "CLOSED")).patch("/api/v1/halls/" + hall + "/windows/" + w).then().statusCode(200);
        }
        String reviewer = Api.staffToken("reviewer", hall);
        at("2026-10-13T10:00:00");
        close(quick, reviewer);
        at("2026-10-14T10:00:00");
        close(slower, reviewer);
        at("2026-10-21T10:00:00");
        sweeper.sweepOnce().await().atMost(Duration.ofSeconds(30));
        at("2026-10-26T10:00:00");
        close(late, reviewer);
        at("2026-10-30T12:00:00");
        expiry.expirePastDays().await().atMost(Duration.ofSeconds(30));

        JsonPath total = awaitReport(supervisor, "hall=" + hall + "&" + PERIOD,
                r -> r.getLong("total.tickets.expired") == 1 && r.getLong("total.cases.closed") == 3 && r.getLong("total.cases.red") == 2);
        Map<String, Object> expectedTickets = new LinkedHashMap<>();
        expectedTickets.put("issued", 6);
        expectedTickets.put("called", 4);
        expectedTickets.put("served", 3);
        expectedTickets.put("noShow", 1);
        expectedTickets.put("cancelled", 1);
        expectedTickets.put("expired", 1);
        // waits 120, 300, 1200, 1800 s; walks 60, 60, 0; services 600, 1200, 600: bucket midpoints (10 s buckets)
        expectedTickets.put("waitP50Seconds", 305);
        expectedTickets.put("waitP90Seconds", 1805);
        expectedTickets.put("servedWithin15MinShare", 0.5);
        expectedTickets.put("walkP50Seconds", 65);
        expectedTickets.put("serviceP50Seconds", 605);
        expectedTickets.put("serviceP90Seconds", 1205);
        expectedTickets.put("noShowRate", 0.25);
        expectedTickets.put("abandonRate", 2.0 / 6);
        assertBlock(total, "total.tickets", expectedTickets);

        Map<String, Object> expectedCases = new LinkedHashMap<>();
        expectedCases.put("accepted", 4);
        expectedCases.put("closed", 3);
        expectedCases.put("closedOnTime", 2);
        expectedCases.put("completionRate", 0.75);
        expectedCases.put("onTimeRate", 2.0 / 3);
        // 1, 2 and 10 working days used of 20 statutory each
        expectedCases.put("avgWorkingDaysUsed", 13.0 / 3);
        expectedCases.put("p90WorkingDaysUsed", 10.025);
        expectedCases.put("speedUpRate", 1 - 13.0 / 60);
        expectedCases.put("immediateShare", 0.25);
        expectedCases.put("oneVisitShare", 1.0);
        expectedCases.put("oneTimeNoticeViolations", 0);
        expectedCases.put("red", 2);
        expectedCases.put("legalBreach", 0);
        assertBlock(total, "total.cases", expectedCases);

        Map<String, Object> expectedRatings = new LinkedHashMap<>();
        expectedRatings.put("count", 2);
        expectedRatings.put("satisfiedShare", 0.5);
        expectedRatings.put("unratedShare", 1.0 / 3);
        expectedRatings.put("bad", 1);
        expectedRatings.put("rectified", 0);
        expectedRatings.put("rectifiedShare", 0.0);
        assertBlock(total, "total.ratings", expectedRatings);
        // both windows open 09:00–12:00; served 600 + 1200 + 600 s
        assertThat(total.getDouble("total.windows.utilisation")).isCloseTo(2400.0 / 21600, within(1e-9));
        assertThat(total.getList("rows")).hasSize(1);
        assertBlock(total, "rows[0].tickets", expectedTickets);
        assertBlock(total, "rows[0].cases", expectedCases);

        JsonPath byWindow = report(supervisor, "hall=" + hall + "&" + PERIOD + "&groupBy=window");
        Map<String, Object> windowOne = row(byWindow, "window", "1");
        assertThat(windowOne).containsEntry("tickets.called", 3L).containsEntry("tickets.served", 2L).containsEntry("tickets.noShow", 1L);
        assertThat(((Number) windowOne.get("windows.utilisation")).doubleValue()).isCloseTo(1200.0 / 10800, within(1e-9));
        assertThat(((Number) row(byWindow, "window", "2").get("windows.utilisation")).doubleValue()).isCloseTo(1200.0 / 10800, within(1e-9));
        assertThat(row(byWindow, "window", "1")).as("cases have no window").containsEntry("cases.accepted", 0L);

        JsonPath byDepartment = report(supervisor, "hall=" + hall + "&" + PERIOD + "&groupBy=department,category");
        assertThat(byDepartment.getList("groupBy")).containsExactly("department", "category");
        Map<String, Object> limited = rows(byDepartment).stream()
                .filter(r -> "测试局".equals(r.get("key.department")) && "TIME_LIMITED".equals(r.get("key.category"))).findFirst().orElseThrow();
        assertThat(limited).containsEntry("cases.accepted", 3L).containsEntry("cases.closed", 3L).containsEntry("cases.red", 1L);

        // CSV: the same rows, one column per leaf
        for (String query : List.of("hall=" + hall + "&" + PERIOD, "hall=" + hall + "&" + PERIOD + "&groupBy=window",
                "hall=" + hall + "&" + PERIOD + "&groupBy=department,category")) {
            assertThat(csvRows(supervisor, query)).as(query).isEqualTo(rows(report(supervisor, query)));
        }

        // a batch numbered again changes nothing; a rebuild from raw rows gives the same answer
        String before = report(supervisor, "hall=" + hall + "&" + PERIOD + "&groupBy=window,day").prettify();
        numberAgain(hall);
        assertThat(report(supervisor, "hall=" + hall + "&" + PERIOD + "&groupBy=window,day").prettify()).isEqualTo(before);
        wipeRollups(hall);
        assertThat(report(supervisor, "hall=" + hall + "&" + PERIOD).getLong("total.tickets.called")).isZero();
        rollups.rebuild(hall, LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-31")).await().atMost(Duration.ofSeconds(30));
        assertThat(report(supervisor, "hall=" + hall + "&" + PERIOD + "&groupBy=window,day").prettify()).isEqualTo(before);
    }

    @Test
    void badParametersAreNamedAndOtherHallsAndClerksAreRefused() {
        String hall = Api.hall("kpi-" + UUID.randomUUID().toString().substring(0, 8));
        String other = Api.hall("kpi-" + UUID.randomUUID().toString().substring(0, 8));
        String supervisor = Api.staffToken("supervisor", hall);
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("groupBy=colour", "groupBy");
        bad.put("groupBy=day,window,clerk", "groupBy");
        bad.put("groupBy=day,day", "groupBy");
        bad.put("from=2026-10-31&to=2026-10-01", "from");
        bad.put("from=2025-01-01&to=2026-10-01", "to");
        bad.put("from=2026-13-01", "from");
        bad.put("to=yesterday", "to");
        bad.put("category=FAST", "category");
        bad.put("channel=FAX", "channel");
        bad.put("window=x", "window");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            as(supervisor).accept("application/json").get("/api/v1/reports/kpis?hall=" + hall + "&" + e.getKey()).then()
                    .statusCode(400).contentType(containsString("application/problem+json"))
                    .body("violations[0].field", equalTo(e.getValue()));
            as(supervisor).accept("text/csv").get("/api/v1/reports/kpis?hall=" + hall + "&" + e.getKey()).then().statusCode(400);
        }
        as(supervisor).accept("application/json").get("/api/v1/reports/kpis?from=2025-01-01&to=2026-10-01&hall=" + hall).then()
                .body("violations[0].message", containsString("400 days"));
        as(supervisor).accept("application/json").get("/api/v1/reports/kpis?hall=" + other).then().statusCode(403);
        as(supervisor).accept("text/csv").get("/api/v1/reports/kpis?hall=" + other).then().statusCode(403);
        as(Api.staffToken("clerk", hall)).accept("application/json").get("/api/v1/reports/kpis?hall=" + hall).then().statusCode(403);
        Api.anonymous().accept("application/json").get("/api/v1/reports/kpis").then().statusCode(401);
        // no hall: the supervisor's own halls; the default period is this month
        JsonPath own = report(supervisor, "");
        assertThat(own.getString("to")).isEqualTo(LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString());
        assertThat(own.getString("from")).endsWith("-01");
        as(adminToken()).accept("application/json").get("/api/v1/reports/kpis?hall=" + other + "&groupBy=hall").then().statusCode(200);
    }

    private static String callNext(String clerk, String hall, int window) {
        return as(clerk).post("/api/v1/halls/" + hall + "/windows/" + window + "/call-next").then().statusCode(200).extract().path("id");
    }

    private static void finish(String clerk, String ticket) {
        as(clerk).body(Map.of("outcome", "CONSULTATION")).post("/api/v1/tickets/" + ticket + "/finish").then().statusCode(200);
    }

    static String item(String category) {
        String code = "KPI-" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> item = new HashMap<>(Map.of("code", code, "name", "测试事项", "department", "测试局", "level", "CITY",
                "category", category, "statutoryLimit", Map.of("workingDays", 20), "onlineCapable", false,
                "requiredDocuments", DOCUMENTS));
        if (category.equals("TIME_LIMITED")) {
            item.put("committedLimit", Map.of("workingDays", 5));
        }
        as(adminToken()).body(item).post("/api/v1/items").then().statusCode(201);
        return code;
    }

    static String createCase(String hall, String item, String clerk) {
        return as(clerk).body(Map.of("itemCode", item, "hall", hall, "channel", "WINDOW", "submittedDocuments", DOCUMENTS,
                        "applicant", Map.of("name", "张三丰", "idNumber", "620102199001011234"))).post("/api/v1/cases").then()
                .statusCode(201).extract().path("id");
    }

    static void close(String id, String reviewer) {
        as(reviewer).header("If-Match", "0").body(Map.of("action", "START_REVIEW")).post("/api/v1/cases/" + id + "/transitions")
                .then().statusCode(200);
        as(reviewer).header("If-Match", "1").body(Map.of("action", "APPROVE")).post("/api/v1/cases/" + id + "/transitions")
                .then().statusCode(200);
    }

    static JsonPath report(String token, String query) {
        String body = as(token).accept("application/json").get("/api/v1/reports/kpis" + (query.isEmpty() ? "" : "?" + query)).then().statusCode(200).extract().asString();
        return new JsonPath(body).using(new io.restassured.path.json.config.JsonPathConfig(
                io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
    }

    static JsonPath awaitReport(String token, String query, Predicate<JsonPath> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        JsonPath r;
        do {
            r = report(token, query);
            if (done.test(r)) {
                return r;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("the report did not settle: " + r.prettify());
    }

    static void assertBlock(JsonPath r, String path, Map<String, Object> expected) {
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            Object actual = r.get(path + "." + e.getKey());
            assertThat(actual).as(path + "." + e.getKey()).isNotNull();
            if (e.getValue() instanceof Double d) {
                assertThat(((Number) actual).doubleValue()).as(path + "." + e.getKey()).isCloseTo(d, within(1e-9));
            } else {
                assertThat(((Number) actual).longValue()).as(path + "." + e.getKey()).isEqualTo(((Number) e.getValue()).longValue());
            }
        }
    }

    /** The rows of a JSON answer as flat maps: {@code key.window}, {@code tickets.issued}…, numbers as numbers. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(JsonPath r) {
        List<Map<String, Object>> flat = new ArrayList<>();
        for (Map<String, Object> row : r.<Map<String, Object>>getList("rows")) {
            Map<String, Object> f = new LinkedHashMap<>();
            ((Map<String, Object>) row.get("key")).forEach((k, v) -> f.put("key." + k, v));
            for (String block : List.of("tickets", "cases", "ratings", "windows", "appointments")) {
                ((Map<String, Object>) row.get(block)).forEach((k, v) -> f.put(block + "." + k, v == null ? null : normal(v)));
            }
            flat.add(f);
        }
        return flat;
    }

    static Object normal(Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && !(v instanceof Float) && !(v instanceof Double) ? (Object) n.longValue() : (Object) d;
        }
        return v;
    }

    static Map<String, Object> row(JsonPath r, String key, String value) {
        return rows(r).stream().filter(m -> value.equals(m.get("key." + key))).findFirst().orElseThrow();
    }

    /** The CSV answer as the same flat maps. */
    static List<Map<String, Object>> csvRows(String token, String query) {
        String csv = as(token).accept("text/csv").get("/api/v1/reports/kpis?" + query).then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertThat(csv).as("a byte order mark first").startsWith("\uFEFF");
        String[] lines = csv.substring(1).split("\r\n");
        String[] header = lines[0].split(",", -1);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            assertThat(cells).hasSameSizeAs(header);
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                String cell = cells[c];
                Object value;
                if (header[c].startsWith("key.")) {
                    value = cell.isEmpty() ? null : cell;
                } else if (cell.isEmpty()) {
                    value = null;
                } else if (cell.contains(".") || cell.contains("E")) {
                    value = Double.parseDouble(cell);
                } else {
                    value = Long.parseLong(cell);
                }
                row.put(header[c], value);
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * Counts every event of the hall once more, as a batch counted twice would (kpi_count must see it was
     * counted), and refreshes every ticket, case and rating of the hall again, as events naming them again would.
     */
    static void numberAgain(String hall) throws Exception {
        for (String sql : List.of("select kpi_count(kpi_events(?, 0, null))",
                "select kpi_refresh_tickets(array(select id from ticket where hall_code = ?))",
                "select kpi_refresh_cases(array(select id from service_case where hall_code = ?))",
                "select kpi_refresh_ratings(array(select id from rating where hall_code = ?))")) {
            try (Connection db = LocalServicesResource.connect(); var statement = db.prepareStatement(sql)) {
                statement.setString(1, hall);
                try (ResultSet ignored = statement.executeQuery()) {
                    // done
                }
            }
        }
    }

    static void wipeRollups(String hall) throws Exception {
        try (Connection db = LocalServicesResource.connect(); var statement = db.createStatement()) {
            for (String table : List.of("kpi_ticket_day", "kpi_ticket_hist", "kpi_ticket_fact", "kpi_case_day", "kpi_case_hist",
                    "kpi_case_fact", "kpi_window_day", "kpi_window_state", "kpi_rating_day", "kpi_rating_fact")) {
                statement.execute("delete from " + table + " where hall_code = '" + hall + "'");
            }
        }
    }
}
