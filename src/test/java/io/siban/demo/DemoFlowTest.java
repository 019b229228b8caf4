package io.siban.demo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.siban.support.LocalServicesResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated flow of the demo, at a fast pace: within seconds kiosks issue tickets and the demo
 * clerks call and serve them through the real services, so their events reach the day's tally; window 1
 * is left to people.
 */
@QuarkusTest
@TestProfile(DemoFlowTest.FastFlow.class)
class DemoFlowTest {
    static final String TODAY = "(now() at time zone 'Asia/Shanghai')::date";

    /** The demo with a short history and a flow that issues every step and serves in about a second. */
    public static class FastFlow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("siban.demo.seed", "true", "siban.demo.simulate", "true", "siban.demo.history-days", "3",
                    "siban.demo.simulate-every", "PT0.2S", "siban.demo.simulate-issue-seconds", "0.5",
                    "siban.demo.simulate-service-speed", "0.002", "siban.demo.kiosk-token-file", "target/demo-kiosk-token",
                    "siban.demo.simulate-case-seconds", "0.4");
        }
    }

    @Inject
    DemoFlow flow;

    @Test
    void kiosksIssueAndClerksServeThroughTheRealServices() throws Exception {
        assertThat(flow.running()).isTrue();
        long deadline = System.currentTimeMillis() + 40_000;
        while (System.currentTimeMillis() < deadline && count("select count(*) from ticket where hall_code = 'lz-city' and status = 'DONE' "
                + "and service_date = " + TODAY + " and called_by like 'clerk%'") < 3) {
            Thread.sleep(250);
        }
        assertThat(count("select count(*) from ticket where hall_code = 'lz-city' and service_date = " + TODAY)).isGreaterThanOrEqualTo(3);
        assertThat(count("select count(*) from ticket t where hall_code = 'lz-city' and status = 'DONE' and service_date = " + TODAY
                + " and exists (select 1 from ticket_step s where s.ticket_id = t.id and s.step like 'FINISHED:%')")).isGreaterThanOrEqualTo(3);
        assertThat(count("select count(*) from ticket where hall_code in ('lz-city', 'gaolan') and window_number = 1 "
                + "and service_date = " + TODAY)).isZero();
        long tallied = 0;
        while (System.currentTimeMillis() < deadline && tallied < 3) {
            tallied = count("select coalesce(sum(served), 0) from hall_day_tally where hall_code = 'lz-city' and service_date = " + TODAY);
            Thread.sleep(250);
        }
        assertThat(tallied).as("served today, tallied from the published events").isGreaterThanOrEqualTo(3);
        assertThat(count("select count(*) from event_outbox where hall_code = 'lz-city' and type = 'ticket.finished' and seq is not null"))
                .isGreaterThanOrEqualTo(3);
        while (System.currentTimeMillis() < deadline && (cases("channel = 'WINDOW'") == 0 || cases("channel <> 'WINDOW'") == 0
                || moved() == 0)) {
            Thread.sleep(250);
        }
        assertThat(cases("channel = 'WINDOW' and exists (select 1 from case_visit v join ticket t on t.id = v.ticket_id "
                + "where v.case_id = c.id and t.case_id = c.id and t.outcome = 'CASE_ACCEPTED')")).as("cases taken in at a window").isPositive();
        assertThat(cases("channel <> 'WINDOW'")).as("online and mobile applications").isPositive();
        assertThat(moved()).as("open cases moved along by the reviewer and clerks").isPositive();
    }

    private static long cases(String condition) throws Exception {
        return count("select count(*) from service_case c where hall_code in ('lz-city', 'gaolan') "
                + "and c.created_at > now() - interval '10 minutes' and " + condition);
    }

    /** Moves made in the last minutes: the flow's (the history's moves all lie in office hours before today). */
    private static long moved() throws Exception {
        return count("select count(*) from case_transition where at > now() - interval '10 minutes' "
                + "and action in ('START_REVIEW', 'APPROVE', 'REJECT', 'DELIVER', 'FORWARD', 'UPSTREAM_RETURNED', 'ACCEPT')");
    }

    private static long count(String sql) throws Exception {
        try (Connection db = LocalServicesResource.connect(); Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
