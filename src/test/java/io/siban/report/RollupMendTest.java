package io.siban.report;

import io.quarkus.test.junit.QuarkusTest;
import io.siban.common.Clocks;
import io.siban.outbox.OutboxPublisher;
import io.siban.support.Api;
import io.siban.support.KpiScenario;
import io.siban.support.LocalServicesResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.siban.report.RollupRecountTest.RECOUNT;
import static io.siban.report.RollupRecountTest.ROLLUP;
import static io.siban.report.RollupRecountTest.awaitNumbered;
import static io.siban.report.RollupRecountTest.figures;
import static io.siban.report.RollupRecountTest.single;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollups stay whole when events are numbered without being counted: by an instance of a version
 * before the rollups (a rolling upgrade), or because counting a hall failed. The hall falls behind,
 * the repair sweep counts its events from event_outbox in order, and live counting waits until it has;
 * a failing hall never holds back the numbering of events or another hall's rollups.
 */
@QuarkusTest
class RollupMendTest {
    @Inject
    Clocks clocks;
    @Inject
    Rollups rollups;

    @AfterEach
    void resetClock() {
        clocks.reset();
    }

    @Test
    void eventsNumberedByAnInstanceWithoutRollupsAreCountedOnceLater() throws Exception {
        String hall = Api.hall("old-" + UUID.randomUUID().toString().substring(0, 8));
        String kiosk = Api.kioskToken(hall);
        String clerk = Api.staffToken("clerk", hall);
        List<String> tickets = new ArrayList<>();
        issue(kiosk, hall, 3, tickets);
        serve(clerk, hall, 1);
        awaitNumbered(hall);

        try (Connection old = LocalServicesResource.connect()) {
            // the old instance holds the numbering lock, so the service numbers nothing meanwhile
            execute(old, "select pg_advisory_lock(" + OutboxPublisher.SEQUENCE_LOCK + ")");
            issue(kiosk, hall, 4, tickets);
            serve(clerk, hall, 1);
            as(clerk).post("/api/v1/halls/" + hall + "/windows/2/call-next").then().statusCode(200);
            long unnumbered = single("select count(*) from event_outbox where hall_code = ? and seq is null", hall);
            assertThat(unnumbered).as("events waiting for the old instance").isGreaterThanOrEqualTo(8);
            // it numbers them as versions before the rollups did: numbers only
            try (PreparedStatement number = old.prepareStatement("""
                    with e as (select id, row_number() over (order by id) as n from event_outbox where hall_code = ? and seq is null),
                         s as (update hall_event_seq set last_seq = last_seq + (select count(*) from e) where hall_code = ?
                               returning last_seq - (select count(*) from e) as base)
                    update event_outbox o set seq = s.base + e.n from e, s where o.id = e.id""")) {
                number.setString(1, hall);
                number.setString(2, hall);
                assertThat(number.executeUpdate()).isEqualTo((int) unnumbered);
            }
            execute(old, "select pg_advisory_unlock(" + OutboxPublisher.SEQUENCE_LOCK + ")");
        }
        // events after the old instance's: counted live only once the hall has caught up
        issue(kiosk, hall, 2, tickets);
        serve(clerk, hall, 2);
        awaitNumbered(hall);
        awaitCaughtUp(hall);
        assertThat(figures(ROLLUP, hall)).as("rollups against a recount of the raw rows").isEqualTo(figures(RECOUNT, hall));
        assertThat(figures(RECOUNT, hall).get("issued")).isEqualTo(9L);
    }

    @Test
    void aHallWhoseCountingFailsHoldsBackNeitherTheEventsNorOtherHalls() throws Exception {
        String poisoned = Api.hall("bad-" + UUID.randomUUID().toString().substring(0, 8));
        String healthy = Api.hall("good-" + UUID.randomUUID().toString().substring(0, 8));
        String function = "poison_" + poisoned.replaceAll("[^a-z0-9]", "_");
        try (Connection db = LocalServicesResource.connect()) {
            execute(db, "create function " + function + "() returns trigger language plpgsql as $$ begin "
                    + "if new.hall_code = '" + poisoned + "' then raise exception 'poisoned for the test'; end if; return new; end $$");
            execute(db, "create trigger " + function + " before insert or update on kpi_ticket_day for each row execute function "
                    + function + "()");
            try {
                for (String hall : List.of(poisoned, healthy)) {
                    issue(Api.kioskToken(hall), hall, 3, new ArrayList<>());
                    serve(Api.staffToken("clerk", hall), hall, 1);
                }
                awaitNumbered(poisoned);
                awaitNumbered(healthy);
                awaitCaughtUp(healthy);
                assertThat(figures(ROLLUP, healthy)).isEqualTo(figures(RECOUNT, healthy));
                assertThat(single("select coalesce(sum(events), 0) from kpi_behind where hall_code = ?", poisoned))
                        .as("the poisoned hall is behind").isPositive();
                assertThat(single("select count(*) from event_outbox e join hall_event_published p on p.hall_code = e.hall_code "
                        + "where e.hall_code = ? and e.seq <= p.published_seq", poisoned)).as("its events were still delivered").isPositive();
            } finally {
                execute(db, "drop trigger " + function + " on kpi_ticket_day");
                execute(db, "drop function " + function + "()");
            }
        }
        awaitCaughtUp(poisoned);
        assertThat(figures(ROLLUP, poisoned)).as("counted once the fault is gone").isEqualTo(figures(RECOUNT, poisoned));
    }

    @Test
    void casesClosedBeforeTheRollupsGetTheirWorkingDays() throws Exception {
        KpiScenario.Day day = KpiScenario.day(clocks, "old", "旧局");
        clocks.reset();
        awaitNumbered(day.hall());
        awaitCaughtUp(day.hall());
        String usedCount = "select coalesce(sum(used_count), 0) from kpi_case_day where hall_code = ?";
        assertThat(single(usedCount, day.hall())).isEqualTo(1);
        // as a case closed before V16: no working days, facts without them
        try (Connection db = LocalServicesResource.connect()) {
            execute(db, "delete from kpi_case_close where case_id = '" + day.caseId() + "'");
            execute(db, "select kpi_refresh_cases(array['" + day.caseId() + "'::uuid])");
        }
        assertThat(single(usedCount, day.hall())).isZero();
        Rollups.Closes step = null;
        Instant deadline = Instant.now().plusSeconds(20);
        while (step == null) {
            assertThat(Instant.now()).as("the numbering lock free now and then").isBefore(deadline);
            // from just before the case, so the step reads it whatever other tests left
            UUID before = new UUID(UUID.fromString(day.caseId()).getMostSignificantBits(), UUID.fromString(day.caseId()).getLeastSignificantBits() - 1);
            step = rollups.countClosedCases(before).await().atMost(Duration.ofSeconds(30));
        }
        assertThat(step.read()).isPositive();
        assertThat(single(usedCount, day.hall())).isEqualTo(1);
        assertThat(single("select count(*) from kpi_case_close k join service_case c on c.id = k.case_id where c.hall_code = ?",
                day.hall())).isEqualTo(1);
    }

    private static void issue(String kiosk, String hall, int n, List<String> into) {
        for (int i = 0; i < n; i++) {
            into.add(Api.kept(as(kiosk).body(Map.of("queueCode", "A", "channel", "KIOSK"))
                    .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).extract()));
        }
    }

    /** Window 1 calls, starts and finishes {@code n} citizens. */
    private static void serve(String clerk, String hall, int n) {
        for (int i = 0; i < n; i++) {
            String ticket = as(clerk).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200).extract().path("id");
            as(clerk).post("/api/v1/tickets/" + ticket + "/start").then().statusCode(200);
            as(clerk).body(Map.of("outcome", "CONSULTATION")).post("/api/v1/tickets/" + ticket + "/finish").then().statusCode(200);
        }
    }

    private static void awaitCaughtUp(String hall) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (single("select count(*) from kpi_behind where hall_code = ?", hall) > 0) {
            assertThat(Instant.now()).as("rollups of %s caught up", hall).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static void execute(Connection db, String sql) throws Exception {
        try (var statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

}
