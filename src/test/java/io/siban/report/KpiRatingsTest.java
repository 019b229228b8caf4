package io.siban.report;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.siban.common.Clocks;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.report.KpiReportTest.assertBlock;
import static io.siban.report.KpiReportTest.awaitReport;
import static io.siban.report.KpiReportTest.report;
import static io.siban.report.KpiReportTest.row;
import static io.siban.support.Api.as;
import static io.siban.support.KpiScenario.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ratings block of the KPI report (Monday 12 October 2026): four tickets served by two clerks at two
 * windows and one closed case, rated 5, 4, 2, 1 and 1; the rectification of the 2 is CLOSED (rectified),
 * the ticket rated 1 is appealed and EXCLUDED. Per clerk, window and channel, and the total; the excluded
 * rating leaves every figure; the rollups equal a recount from raw rows, survive a replay and a rebuild,
 * the upgrade's recount mends facts counted from the ticket's old column, and counting the hall's stored
 * events again from nothing gives the same answer.
 */
@QuarkusTest
class KpiRatingsTest {
    static final String PERIOD = "from=2026-10-01&to=2026-10-31";
    /** The ratings of a hall counted from the raw rows, independently of V21's views. */
    static final String RECOUNT = """
            select count(*) filter (where r.excluded_at is null) as count,
                   count(*) filter (where r.excluded_at is null and r.score >= 4) as satisfied,
                   count(*) filter (where r.excluded_at is null and r.score <= 2) as bad,
                   count(*) filter (where r.excluded_at is null and r.score <= 2 and x.state = 'CLOSED') as rectified,
                   (select count(*) from ticket t where t.hall_code = ? and t.status = 'DONE'
                      and not exists (select 1 from rating g where g.ticket_id = t.id and g.excluded_at is null)) as unrated,
                   (select count(*) from ticket t where t.hall_code = ? and t.status = 'DONE') as served
            from rating r left join rectification x on x.rating_id = r.id where r.hall_code = ?""";

    @Inject
    Clocks clocks;
    @Inject
    Rollups rollups;

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    @Test
    void ratingsByClerkWindowAndChannelAndAnExcludedOneLeavesEveryFigure() throws Exception {
        at(clocks, "2026-10-12T09:00:00");
        String hall = Api.hall("rate-" + UUID.randomUUID().toString().substring(0, 8));
        String kiosk = Api.kioskToken(hall);
        String clerkA = "clerk-a-" + UUID.randomUUID().toString().substring(0, 6);
        String clerkB = "clerk-b-" + UUID.randomUUID().toString().substring(0, 6);
        String[] tokens = new String[2];
        int i = 0;
        for (String clerk : List.of(clerkA, clerkB)) {
            Api.createStaff(clerk, "password-" + clerk, List.of("clerk"), List.of(hall));
            tokens[i++] = Api.login(clerk, "password-" + clerk);
        }
        String supervisor = Api.staffToken("supervisor", hall);
        String[] t = new String[4];
        for (int n = 0; n < t.length; n++) {
            t[n] = Api.kept(as(kiosk).body(Map.of("queueCode", "A", "channel", "KIOSK"))
                    .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).extract());
        }
        // t0 and t2 at window 1 by clerk A, t1 and t3 at window 2 by clerk B
        for (int n = 0; n < t.length; n++) {
            at(clocks, "2026-10-12T09:" + (10 + 5 * n) + ":00");
            String token = tokens[n % 2];
            String called = as(token).post("/api/v1/halls/" + hall + "/windows/" + (1 + n % 2) + "/call-next").then().statusCode(200)
                    .extract().path("id");
            assertThat(called).isEqualTo(t[n]);
            as(token).post("/api/v1/tickets/" + called + "/start").then().statusCode(200);
            as(token).body(Map.of("outcome", "CONSULTATION")).post("/api/v1/tickets/" + called + "/finish").then().statusCode(200);
        }
        at(clocks, "2026-10-12T10:00:00");
        var created = as(tokens[0]).body(Map.of("itemCode", KpiReportTest.item("TIME_LIMITED"), "hall", hall, "channel", "WINDOW",
                        "submittedDocuments", KpiReportTest.DOCUMENTS, "applicant", Map.of("name", "张三丰", "idNumber", "620102199001011234")))
                .post("/api/v1/cases").then().statusCode(201).extract();
        String caseId = created.path("id");
        at(clocks, "2026-10-12T10:20:00");
        KpiReportTest.close(caseId, Api.staffToken("reviewer", hall));

        at(clocks, "2026-10-12T11:00:00");
        RatingRows.ticket(t[0], 5);
        RatingRows.ticket(t[1], 4);
        UUID rectified = RatingRows.ticket(t[2], 2);
        UUID appealed = RatingRows.ticket(t[3], 1);
        // the case's rating: tied to the clerk who took it (clerk A), at no window (the case had no visit)
        RatingRows.ofCase(caseId, created.path("caseNumber"), created.path("verificationCode"), 1);
        at(clocks, "2026-10-13T10:00:00");
        RatingRows.close(rectified, supervisor);

        String query = "hall=" + hall + "&" + PERIOD;
        JsonPath before = awaitReport(supervisor, query,
                r -> r.getLong("total.ratings.count") == 5 && r.getLong("total.ratings.rectified") == 1);
        assertBlock(before, "total.ratings", ratings(5, 0.4, 0.0, 3, 1, 1.0 / 3));
        assertFigures(hall, before);

        RatingRows.exclude(appealed, supervisor, Api.adminToken());
        JsonPath after = awaitReport(supervisor, query, r -> r.getLong("total.ratings.count") == 4
                && r.getDouble("total.ratings.unratedShare") > 0);
        assertBlock(after, "total.ratings", ratings(4, 0.5, 0.25, 2, 1, 0.5));
        assertThat(after.getLong("total.tickets.served")).as("the ticket stays served").isEqualTo(4);
        assertFigures(hall, after);

        JsonPath byWindow = report(supervisor, query + "&groupBy=window");
        assertRatings(row(byWindow, "window", "1"), ratings(2, 0.5, 0.0, 1, 1, 1.0));
        // window 2: the ticket rated 4, and the excluded one, now unrated
        assertRatings(row(byWindow, "window", "2"), ratings(1, 1.0, 0.5, 0, 0, null));
        Map<String, Object> noWindow = KpiReportTest.rows(byWindow).stream().filter(m -> m.get("key.window") == null).findFirst().orElseThrow();
        assertRatings(noWindow, ratings(1, 0.0, null, 1, 0, 0.0));

        JsonPath byClerk = report(supervisor, query + "&groupBy=clerk");
        // clerk A: the tickets rated 5 and 2 (rectified), and the case rated 1
        assertRatings(row(byClerk, "clerk", clerkA), ratings(3, 1.0 / 3, 0.0, 2, 1, 0.5));
        assertRatings(row(byClerk, "clerk", clerkB), ratings(1, 1.0, 0.5, 0, 0, null));
        assertRatings(row(report(supervisor, query + "&groupBy=clerk&window=1"), "clerk", clerkA), ratings(2, 0.5, 0.0, 1, 1, 1.0));

        JsonPath byChannel = report(supervisor, query + "&groupBy=channel");
        assertRatings(row(byChannel, "channel", "KIOSK"), ratings(3, 2.0 / 3, 0.25, 1, 1, 1.0));
        assertRatings(row(byChannel, "channel", "WINDOW"), ratings(1, 0.0, null, 1, 0, 0.0));
        assertThat(report(supervisor, query + "&window=2").getLong("total.ratings.count")).isEqualTo(1);
        assertThat(report(supervisor, query + "&channel=WINDOW&groupBy=month").getLong("total.ratings.bad")).isEqualTo(1);
        JsonPath byDepartment = report(supervisor, query + "&groupBy=department,day");
        assertThat(row(byDepartment, "department", "测试局")).containsEntry("key.day", "2026-10-12").containsEntry("ratings.count", 1L);
        assertThat(KpiReportTest.csvRows(supervisor, query + "&groupBy=window")).isEqualTo(KpiReportTest.rows(byWindow));

        // a replay changes nothing; so do a rebuild from raw rows, and the upgrade's recount of facts counted from the old column
        String expected = report(supervisor, query + "&groupBy=window,clerk").prettify();
        KpiReportTest.numberAgain(hall);
        assertThat(report(supervisor, query + "&groupBy=window,clerk").prettify()).isEqualTo(expected);
        KpiReportTest.wipeRollups(hall);
        assertThat(report(supervisor, query).getLong("total.ratings.count")).isZero();
        rollups.rebuild(hall, LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-31")).await().atMost(Duration.ofSeconds(30));
        assertThat(report(supervisor, query + "&groupBy=window,clerk").prettify()).isEqualTo(expected);
        countedAsBeforeV21(t[3]);
        assertThat(report(supervisor, query).getDouble("total.ratings.unratedShare")).as("as V20 counted it").isZero();
        sql("select kpi_recount_ratings()");
        assertThat(report(supervisor, query + "&groupBy=window,clerk").prettify()).isEqualTo(expected);
        assertFigures(hall, report(supervisor, query));

        // counted again from the stored events alone (the repair sweep's way: kpi_mend, kpi_events), the same answer
        KpiReportTest.wipeRollups(hall);
        sql("update kpi_numbered set last_seq = 0 where hall_code = '" + hall + "'");
        assertThat(awaitReport(supervisor, query + "&groupBy=window,clerk", r -> r.prettify().equals(expected)).prettify()).isEqualTo(expected);
    }

    static Map<String, Object> ratings(long count, Double satisfied, Double unrated, long bad, long rectified, Double rectifiedShare) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("satisfiedShare", satisfied);
        m.put("unratedShare", unrated);
        m.put("bad", bad);
        m.put("rectified", rectified);
        m.put("rectifiedShare", rectifiedShare);
        return m;
    }

    /** A report row's ratings block against the expected figures, a null share being null. */
    static void assertRatings(Map<String, Object> row, Map<String, Object> expected) {
        expected.forEach((k, v) -> {
            Object actual = row.get("ratings." + k);
            if (v == null) {
                assertThat(actual).as(k).isNull();
            } else {
                assertThat(actual).as(k).isNotNull();
                assertThat(((Number) actual).doubleValue()).as(k).isCloseTo(((Number) v).doubleValue(), org.assertj.core.api.Assertions.within(1e-9));
            }
        });
    }

    /** The report's total against a recount of the hall's raw rows. */
    static void assertFigures(String hall, JsonPath report) throws Exception {
        try (Connection db = LocalServicesResource.connect(); PreparedStatement s = db.prepareStatement(RECOUNT)) {
            s.setString(1, hall);
            s.setString(2, hall);
            s.setString(3, hall);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assertThat(report.getLong("total.ratings.count")).as("count").isEqualTo(r.getLong("count"));
                assertThat(report.getDouble("total.ratings.satisfiedShare")).as("satisfied")
                        .isEqualTo((double) r.getLong("satisfied") / r.getLong("count"));
                assertThat(report.getLong("total.ratings.bad")).as("bad").isEqualTo(r.getLong("bad"));
                assertThat(report.getLong("total.ratings.rectified")).as("rectified").isEqualTo(r.getLong("rectified"));
                assertThat(report.getDouble("total.ratings.unratedShare")).as("unrated")
                        .isEqualTo((double) r.getLong("unrated") / r.getLong("served"));
            }
        }
    }

    /** The ticket's facts as V20 left them: rated (and bad) from the ticket's column, though its rating is excluded. */
    static void countedAsBeforeV21(String ticket) throws Exception {
        String facts = "array(select f from kpi_ticket_fact f where ticket_id = ? and served = 1)";
        try (Connection db = LocalServicesResource.connect()) {
            db.setAutoCommit(false);
            for (String statement : List.of("select kpi_apply_ticket_facts(" + facts + ", -1)",
                    "update kpi_ticket_fact set rated = 1, bad = 1 where ticket_id = ? and served = 1",
                    "select kpi_apply_ticket_facts(" + facts + ", 1)")) {
                try (PreparedStatement s = db.prepareStatement(statement)) {
                    s.setObject(1, UUID.fromString(ticket));
                    s.execute();
                }
            }
            db.commit();
        }
    }

    static void sql(String statement) throws Exception {
        try (Connection db = LocalServicesResource.connect(); var s = db.createStatement()) {
            s.execute(statement);
        }
    }
}
