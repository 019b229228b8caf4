package io.siban.demo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.siban.cases.CaseNumbers;
import io.siban.common.PersonalData;
import io.siban.support.LocalServicesResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo profile's start-up seed on a fresh database (this profile gets its own): the history it
 * writes is exactly its deterministic plan, a second seed adds nothing, and the rows keep the
 * invariants the services keep. The simulated flow is off, as its flag says, until the last test
 * starts it by hand at a fast pace (it moves the history's open cases, so it comes last).
 */
@QuarkusTest
@TestProfile(DemoTest.SeededDemo.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoTest {
    static final List<String> HALLS = List.of(DemoSeed.CITY, DemoSeed.COUNTY);
    static final String HISTORY = "t.idempotency_key like 'demo-history:%'";

    static final String TODAY = "(now() at time zone 'Asia/Shanghai')::date";

    /**
     * The demo seed with its history, the simulated flow switched off; when a test starts it, it issues
     * every step and serves in about a second.
     */
    public static class SeededDemo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("siban.demo.seed", "true", "siban.demo.simulate", "false",
                    "siban.demo.kiosk-token-file", "target/demo-kiosk-token", "siban.demo.simulate-every", "PT0.2S",
                    "siban.demo.simulate-issue-seconds", "0.5", "siban.demo.simulate-service-speed", "0.002",
                    "siban.demo.simulate-case-seconds", "0.4");
        }
    }

    @Inject
    DemoHistory history;
    @Inject
    DemoFlow flow;
    @Inject
    PersonalData personalData;
    @Inject
    DemoSeed seed;
    @Inject
    io.siban.hall.HallService halls;
    @Inject
    io.siban.hall.HallHours hours;

    @Test
    @Order(1)
    void theDatabaseHoldsExactlyTheDeterministicPlan() throws Exception {
        assertThat(history.lastPlans()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            HistoryPlan plan = history.lastPlans().get(i);
            assertThat(plan.tickets()).hasSizeGreaterThan(1_000);
            assertThat(plan.cases()).hasSizeGreaterThan(300);
            assertThat(plan.ratings()).hasSizeGreaterThan(500);
            assertThat(plan.rectifications()).hasSizeGreaterThan(20);
            assertThat(HistoryPlan.of(history.lastInputs().get(i)).checksum()).isEqualTo(plan.checksum());
            assertThat(databaseChecksum(plan.hall())).isEqualTo(plan.checksum());
        }
    }

    /**
     * What another fresh database with the same halls and catalogue would be seeded with: the inputs
     * read again from this one (all but the days it now has tickets on) give the same plan.
     */
    @Test
    @Order(2)
    void theInputsReadAgainGiveTheSameHistory() throws Throwable {
        for (HistoryInput seeded : history.lastInputs()) {
            HistoryInput read = io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> history.input(seeded.hall()));
            assertThat(read.skipDays()).isNotEmpty();
            HistoryInput fresh = new HistoryInput(read.hall(), read.queues(), read.windows(), read.items(), read.calendar(), read.today(),
                    read.days(), read.seed(), read.appointmentHeadStart(), java.util.Set.of(), read.contactDays(),
                    read.rectifyDays());
            assertThat(fresh.queues()).isEqualTo(seeded.queues());
            assertThat(fresh.windows()).isEqualTo(seeded.windows());
            assertThat(fresh.items()).isEqualTo(seeded.items());
            assertThat(HistoryPlan.of(fresh).checksum()).isEqualTo(HistoryPlan.of(seeded).checksum());
        }
    }

    @Test
    @Order(3)
    void aSecondSeedAddsNothing() throws Throwable {
        Map<String, Long> before = counts();
        history.seedAtStartup(HALLS);
        List<DemoHistory.Statement> again = history.lastPlans().stream().flatMap(plan -> history.statements(plan).stream()).toList();
        assertThat(history.write(HALLS, again).await().indefinitely()).as("a second instance writing the same history").isFalse();
        assertThat(counts()).isEqualTo(before);
        assertThat(flow.running()).isFalse();
    }

    @Inject
    DemoAppointments appointments;

    /** Eight days always hold working days, so the city hall always has bookings on its three templates. */
    @Test
    @Order(3)
    void theCityHallHasSlotTemplatesAndBookingsAndASecondSeedBooksNothingAgain() throws Throwable {
        assertThat(count("select count(*) from slot_template where hall_code = 'lz-city'")).isEqualTo(3);
        long booked = count("select count(*) from appointment where hall_code = 'lz-city' and channel = 'MOBILE'");
        assertThat(booked).isPositive();
        assertThat(count("select count(*) from appointment_slot s where s.booked <> (select count(*) from appointment a "
                + "where a.hall_code = s.hall_code and a.item_code = s.item_code and a.slot_start = s.slot_start and a.status <> 'CANCELLED')"))
                .isZero();
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> appointments.seed());
        assertThat(count("select count(*) from appointment where hall_code = 'lz-city' and channel = 'MOBILE'")).isEqualTo(booked);
    }

    @Test
    @Order(4)
    void ticketRowsStepsTalliesAndCountersAgree() throws Exception {
        assertThat(count("select count(*) from ticket t where " + HISTORY + " and (called_at < issued_at or started_at < called_at "
                + "or finished_at < started_at or rated_at < finished_at)")).isZero();
        assertThat(count("select count(*) from ticket t where " + HISTORY + " and not (case status "
                + "when 'DONE' then finished_at is not null and outcome is not null when 'NO_SHOW' then no_show_at is not null "
                + "when 'CANCELLED' then cancelled_at is not null when 'EXPIRED' then called_at is null else false end)")).isZero();
        for (String[] step : new String[][]{{"'CALLED'", "called_at"}, {"'NO_SHOW'", "no_show_at"}, {"'STARTED'", "started_at"},
                {"'FINISHED:' || t.outcome", "finished_at"}}) {
            assertThat(count("select count(*) from ticket t where " + HISTORY + " and (t." + step[1] + " is not null) <> exists ("
                    + "select 1 from ticket_step s where s.ticket_id = t.id and s.step = " + step[0] + " and s.at = t." + step[1]
                    + " and s.actor = t.called_by and s.window_number = t.window_number)")).as(step[0]).isZero();
        }
        assertThat(count("select count(*) from ticket t where " + HISTORY + " and (t.rating is not null) <> exists (select 1 "
                + "from ticket_step s where s.ticket_id = t.id and s.step = 'RATED:' || t.rating and s.at = t.rated_at)")).isZero();
        assertThat(count("""
                select count(*) from hall_day_tally d full join (
                    select hall_code, service_date, count(called_at) as calls, count(*) filter (where status = 'DONE') as served,
                           count(*) filter (where status = 'NO_SHOW') as no_show, count(*) filter (where status = 'CANCELLED') as cancelled,
                           sum(floor(extract(epoch from called_at - issued_at)))::bigint as waits
                    from ticket t where %s group by hall_code, service_date) r
                  on r.hall_code = d.hall_code and r.service_date = d.service_date
                where r.hall_code is null or d.hall_code is null or (d.calls, d.served, d.no_show, d.cancelled, d.wait_seconds)
                      is distinct from (r.calls, r.served, r.no_show, r.cancelled, r.waits)""".formatted(HISTORY))).isZero();
        assertThat(count("""
                select count(*) from (select hall_code, issued_queue_code, service_date, max(seq) as last from ticket t where %s
                                      group by 1, 2, 3) r
                left join ticket_counter c on (c.hall_code, c.queue_code, c.service_date) = (r.hall_code, r.issued_queue_code, r.service_date)
                where c.last_seq is distinct from r.last""".formatted(HISTORY))).isZero();
        assertThat(count("select count(*) from queue_waiting where waiting <> 0")).isZero();
        assertThat(count("select count(*) from ticket t where " + HISTORY + " and (select count(*) from ticket_step s "
                + "where s.ticket_id = t.id) = 0 and status <> 'EXPIRED'")).isZero();
    }

    /** The history writes no events, so its KPI rollups are rebuilt from its rows once it is in. */
    @Test
    @Order(4)
    void theKpiRollupsHoldTheHistory() throws Exception {
        String days = "hall_code in ('lz-city', 'gaolan') and day < " + TODAY;
        String tickets = "from ticket t where " + HISTORY + " and t.service_date < " + TODAY;
        assertThat(count("select coalesce(sum(issued), 0) from kpi_ticket_day where window_number = -1 and " + days))
                .isEqualTo(count("select count(*) " + tickets)).isPositive();
        assertThat(count("select coalesce(sum(served), 0) from kpi_ticket_day where window_number >= 0 and " + days))
                .isEqualTo(count("select count(*) " + tickets + " and t.status = 'DONE'")).isPositive();
        assertThat(count("select coalesce(sum(closed), 0) from kpi_case_day where " + days))
                .isEqualTo(count("select count(*) from service_case where hall_code in ('lz-city', 'gaolan') and closed_at is not null "
                        + "and (closed_at at time zone 'Asia/Shanghai')::date < " + TODAY)).isPositive();
        String counted = "from rating r where r.hall_code in ('lz-city', 'gaolan') and r.day < " + TODAY + " and r.excluded_at is null";
        assertThat(text("select coalesce(sum(rated), 0) || ' ' || coalesce(sum(bad), 0) || ' ' || coalesce(sum(rectified), 0) "
                + "from kpi_rating_day where window_number = -1 and " + days)).as("rated, bad, rectified; excluded ones left out")
                .isEqualTo(count("select count(*) " + counted) + " " + count("select count(*) " + counted + " and r.score <= 2") + " "
                        + count("select count(*) " + counted + " and exists (select 1 from rectification x where x.rating_id = r.id "
                        + "and x.state = 'CLOSED')"));
    }

    @Test
    @Order(5)
    void casesKeepTheirDuesCardsMovesAndVisits() throws Exception {
        String cases = "select count(*) from service_case c where c.hall_code in ('lz-city', 'gaolan') and ";
        assertThat(count(cases + "closed_at is not null and (closed_at <= committed_due) <> (card in ('GREEN', 'YELLOW'))")).isZero();
        assertThat(count(cases + "closed_at is not null and closed_at > committed_due")).isPositive();
        assertThat(count(cases + "closed_at is not null and closed_at > statutory_due")).isPositive();
        assertThat(count(cases + "closed_at is null and state in ('ACCEPTED', 'IN_REVIEW', 'FORWARDED', 'RETURNED') "
                + "and committed_due <= now()")).isPositive();
        assertThat(count(cases + "accepted_at is not null and (committed_due is null or yellow_from > committed_due)")).isZero();
        assertThat(count(cases + "state <> (select to_state from case_transition m where m.case_id = c.id order by m.id desc limit 1)")).isZero();
        assertThat(count(cases + "channel = 'WINDOW' and not exists (select 1 from case_visit v join ticket t on t.id = v.ticket_id "
                + "where v.case_id = c.id and t.case_id = c.id and t.status = 'DONE' and t.outcome = 'CASE_ACCEPTED')")).isZero();
        assertThat(count(cases + "exists (select 1 from case_card_change k where k.case_id = c.id and k.card = 'RED' "
                + "and k.at = c.committed_due)")).isPositive();
        assertThat(count("select count(distinct category) from service_case where hall_code = 'lz-city'")).isEqualTo(4);
    }

    @Test
    @Order(6)
    void applicantsAndCodesAreStoredAsIntakeStoresThem() throws Exception {
        try (Connection db = LocalServicesResource.connect(); Statement s = db.createStatement();
             ResultSet r = s.executeQuery("select id, verification_hash, verification_sealed, applicant_name_masked, "
                     + "applicant_id_masked, applicant_phone_masked, applicant_sealed from service_case where hall_code = 'lz-city' limit 50")) {
            int seen = 0;
            while (r.next()) {
                seen++;
                UUID id = UUID.fromString(r.getString(1));
                assertThat(CaseNumbers.codeHash(id, personalData.open(r.getString(3)))).isEqualTo(r.getString(2));
                Map<?, ?> applicant = new com.fasterxml.jackson.databind.ObjectMapper().readValue(personalData.open(r.getString(7)), Map.class);
                assertThat(r.getString(4)).isEqualTo(PersonalData.maskName((String) applicant.get("name"))).contains("*");
                assertThat(r.getString(5)).isEqualTo(PersonalData.maskId((String) applicant.get("idNumber"))).contains("********");
                assertThat(r.getString(6)).isEqualTo(PersonalData.maskPhone((String) applicant.get("phone")));
            }
            assertThat(seen).isEqualTo(50);
        }
        assertThat(count("select count(*) from ticket t where " + HISTORY + " and (applicant_sealed is not null "
                + "or applicant_id_hash is not null)")).isZero();
    }

    @Test
    @Order(7)
    void historyDaysAreWorkingDaysOfTheHallsCalendar() throws Exception {
        HistoryInput city = history.lastInputs().get(0);
        List<LocalDate> days = new ArrayList<>();
        try (Connection db = LocalServicesResource.connect(); Statement s = db.createStatement();
             ResultSet r = s.executeQuery("select distinct service_date from ticket t where " + HISTORY)) {
            while (r.next()) {
                days.add(r.getDate(1).toLocalDate());
            }
        }
        assertThat(days).isNotEmpty().allMatch(d -> city.calendar().isWorkingDay(d))
                .allMatch(d -> d.isBefore(city.today()) && !d.isBefore(city.today().minusDays(90)));
    }

    /**
     * 好差评 in the seeded history: every rated ticket's rating row, some cases' ratings, and for each bad
     * rating one rectification; every state is there, the steps tell how each got there, the dues are
     * the hall calendar's working days after the rating, and an excluded rating is marked.
     */
    @Test
    @Order(9)
    void everyBadRatingHasOneRectificationInEveryState() throws Exception {
        String demo = "hall_code in ('lz-city', 'gaolan')";
        assertThat(count("select count(*) from ticket t where " + HISTORY + " and t.rating is not null and not exists (select 1 "
                + "from rating r where r.ticket_id = t.id and r.score = t.rating and r.rated_at = t.rated_at and r.clerk = t.called_by "
                + "and r.window_number = t.window_number and r.day = t.service_date and r.channel = t.channel "
                + "and r.case_id is not distinct from t.case_id)")).isZero();
        assertThat(count("select count(*) from rating r join service_case c on c.id = r.case_id where r.subject = 'CASE' and r." + demo
                + " and c.closed_at < r.rated_at and r.department = c.department and r.item_code = c.item_code")).isPositive()
                .isEqualTo(count("select count(*) from rating where subject = 'CASE' and " + demo));
        assertThat(count("select count(*) from rating r where r." + demo + " and (r.score <= 2) <> "
                + "((select count(*) from rectification x where x.rating_id = r.id) = 1)")).isZero();
        for (String state : List.of("OPEN", "CONTACTED", "RECTIFIED", "CLOSED", "APPEALED", "EXCLUDED")) {
            assertThat(count("select count(*) from rectification where state = '" + state + "' and " + demo)).as(state).isPositive();
        }
        assertThat(count("select count(*) from rectification where state = 'OPEN' and card = 'RED' and " + demo)).isPositive();
        assertThat(count("select count(*) from rectification where state in ('OPEN', 'CONTACTED') and card = 'YELLOW' and " + demo)).isPositive();
        String x = "select count(*) from rectification x where x." + demo + " and ";
        String last = "(select %s from rectification_step s where s.rectification_id = x.id order by s.id desc limit 1)";
        assertThat(count(x + "x.state <> " + last.formatted("to_state"))).isZero();
        assertThat(count(x + "x.version <> (select count(*) - 1 from rectification_step s where s.rectification_id = x.id)")).isZero();
        assertThat(count(x + "(select action from rectification_step s where s.rectification_id = x.id order by s.id limit 1) <> 'OPEN'")).isZero();
        assertThat(count(x + "x.state = 'EXCLUDED' and (" + last.formatted("action") + " <> 'EXCLUDE' or (select excluded_at from rating r "
                + "where r.id = x.rating_id) is distinct from x.excluded_at or not exists (select 1 from rectification_step s "
                + "where s.rectification_id = x.id and s.action = 'APPEAL' and s.to_state = 'APPEALED' and s.note <> ''))")).isZero();
        assertThat(count("select count(*) from rating r where r." + demo + " and r.excluded_at is not null and not exists ("
                + "select 1 from rectification x where x.rating_id = r.id and x.state = 'EXCLUDED')")).isZero();
        assertThat(count(x + "x.card <> coalesce((select card from rectification_card_change k where k.rectification_id = x.id "
                + "order by k.id desc limit 1), 'GREEN')")).isZero();
        HistoryInput city = history.lastInputs().get(0);
        try (Connection db = LocalServicesResource.connect(); Statement s = db.createStatement();
             ResultSet r = s.executeQuery("select r.rated_at, x.contact_due, x.rectify_due, h.contact_working_days, h.rectify_working_days "
                     + "from rectification x join rating r on r.id = x.rating_id join hall h on h.code = x.hall_code "
                     + "where x.hall_code = 'lz-city' order by x.id limit 40")) {
            int seen = 0;
            while (r.next()) {
                seen++;
                assertThat(instant(r, 2)).isEqualTo(city.calendar().sameTimeNthWorkingDay(instant(r, 1), r.getInt(4)));
                assertThat(instant(r, 3)).isEqualTo(city.calendar().endOfNthWorkingDay(instant(r, 1), r.getInt(5)));
            }
            assertThat(seen).isEqualTo(40);
        }
    }

    /**
     * The seeded rectifications through the core's API, as the supervisor sees them: the overdue ones
     * and the excluded ones listed with their steps, the live counters equal to the rows, and a seeded
     * OPEN one moves on with the version it was seeded with.
     */
    @Test
    @Order(10)
    void theSupervisorsWorklistShowsTheSeededRectifications() throws Exception {
        String supervisor = io.siban.support.Api.login("supervisor", "supervisor");
        String city = "from rectification where hall_code = 'lz-city' and ";
        long overdue = count("select count(*) " + city + "((state = 'OPEN' and contact_due <= now()) "
                + "or (state in ('OPEN', 'CONTACTED', 'APPEALED') and rectify_due <= now()))");
        assertThat(overdue).isPositive();
        io.siban.support.Api.as(supervisor).get("/api/v1/rectifications?hall=lz-city&overdue=true&size=200").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo((int) overdue))
                .body("items.card", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.isOneOf("YELLOW", "RED")))
                .body("items.rating.clerk", org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.startsWith("clerk")));
        io.siban.support.Api.as(supervisor).get("/api/v1/rectifications?hall=lz-city&state=EXCLUDED&size=200").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo((int) count("select count(*) " + city + "state = 'EXCLUDED'")))
                .body("items[0].steps.action", org.hamcrest.Matchers.hasItems("OPEN", "APPEAL", "EXCLUDE"))
                .body("items[0].excludedAt", org.hamcrest.Matchers.notNullValue());
        io.siban.support.Api.as(supervisor).get("/api/v1/rectifications/summary?hall=lz-city").then().statusCode(200)
                .body("halls[0].open", org.hamcrest.Matchers.equalTo((int) count("select count(*) " + city
                        + "state not in ('CLOSED', 'EXCLUDED')")))
                .body("halls[0].red", org.hamcrest.Matchers.equalTo((int) count("select count(*) " + city
                        + "state in ('OPEN', 'CONTACTED', 'APPEALED') and rectify_due <= now()")));
        String open = io.siban.support.Api.as(supervisor).get("/api/v1/rectifications?hall=lz-city&state=OPEN").then().statusCode(200)
                .extract().path("items[0].id");
        var seeded = io.siban.support.Api.as(supervisor).get("/api/v1/rectifications/" + open).then().statusCode(200).extract();
        int version = seeded.path("version");
        assertThat(seeded.header("ETag")).isEqualTo("\"" + version + "\"");
        assertThat(version).isEqualTo(count("select count(*) - 1 from rectification_step where rectification_id = '" + open + "'"));
        io.siban.support.Api.as(supervisor).header("If-Match", seeded.header("ETag")).body(Map.of("action", "CONTACT", "note", "已电话回访"))
                .post("/api/v1/rectifications/" + open + "/transitions").then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("CONTACTED")).body("version", org.hamcrest.Matchers.equalTo(version + 1))
                .body("steps[0].action", org.hamcrest.Matchers.equalTo("OPEN"))
                .body("steps[-1].action", org.hamcrest.Matchers.equalTo("CONTACT"));
    }

    /**
     * Within seconds kiosks issue tickets and the demo clerks call and serve them through the real
     * services, so their events reach the day's tally; cases are taken in and moved; window 1 is left
     * to people.
     */
    /**
     * The county hall opens Saturday mornings besides its weekdays, and Saturday stays a day off for
     * deadlines; the seed gives the hours to a county hall that has none and keeps ones an admin set.
     */
    @Test
    @Order(8)
    void gaolanOpensSaturdayMorningsWithoutMakingThemWorkingDays() throws Throwable {
        io.restassured.RestAssured.get("/api/v1/halls/" + DemoSeed.COUNTY).then().statusCode(200)
                .body("serviceHours.weeklyHours.SATURDAY", org.hamcrest.Matchers.contains(List.of("09:00", "12:00")))
                .body("serviceHours.weeklyHours.FRIDAY[1]", org.hamcrest.Matchers.contains("13:00", "17:00"))
                .body("serviceHours.weeklyHours", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("SUNDAY")));
        io.restassured.RestAssured.get("/api/v1/calendars/cn/working-days?from=2026-12-05&to=2026-12-07").then().statusCode(200)
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("2026-12-05")));
        assertThat(hours.closed(DemoSeed.COUNTY, Instant.parse("2026-12-05T02:00:00Z"))).as("Saturday 10:00").isNull();
        assertThat(hours.closed(DemoSeed.COUNTY, Instant.parse("2026-12-05T05:00:00Z"))).as("Saturday 13:00").isNotNull();

        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> halls.setServiceHours(DemoSeed.COUNTY, null));
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(seed::seedHalls);
        assertThat(io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> halls.get(DemoSeed.COUNTY)).serviceHours())
                .isEqualTo(DemoSeed.COUNTY_HOURS);
        var sundays = new io.siban.hall.dto.ServiceHours(Map.of("SUNDAY", List.of(List.of("10:00", "11:00"))), Map.of());
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> halls.setServiceHours(DemoSeed.COUNTY, sundays));
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(seed::seedHalls);
        assertThat(io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> halls.get(DemoSeed.COUNTY)).serviceHours())
                .as("an admin's hours are kept").isEqualTo(sundays);
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> halls.setServiceHours(DemoSeed.COUNTY, DemoSeed.COUNTY_HOURS));
    }

    @Test
    @Order(100)
    void theFlowIssuesServesAndMovesCasesThroughTheRealServices() throws Exception {
        assertThat(flow.running()).as("off, as its flag says").isFalse();
        flow.begin();
        try {
            flowRuns();
        } finally {
            flow.end();
        }
    }

    private void flowRuns() throws Exception {
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
        String rated = "select count(*) from rating r join ticket t on t.id = r.ticket_id where r.hall_code = 'lz-city' and r.day = " + TODAY
                + " and r.clerk = t.called_by and r.window_number = t.window_number and r.score = t.rating";
        while (System.currentTimeMillis() < deadline && count(rated + " and r.attitude is not null") == 0) {
            Thread.sleep(250);
        }
        assertThat(count(rated + " and r.attitude is not null")).as("rated with dimensions through the real service").isPositive();
        assertThat(count("select count(*) from rating r where r.hall_code = 'lz-city' and r.day = " + TODAY + " and r.score <= 2 "
                + "and not exists (select 1 from rectification x where x.rating_id = r.id)")).as("bad ones opened").isZero();
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

    private String databaseChecksum(String hall) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Connection db = LocalServicesResource.connect(); Statement s = db.createStatement()) {
            try (ResultSet r = s.executeQuery("select id, number, status, issued_at, called_at, started_at, finished_at, window_number, "
                    + "rating from ticket t where hall_code = '" + hall + "' and " + HISTORY)) {
                while (r.next()) {
                    lines.add(HistoryPlan.ticketLine(UUID.fromString(r.getString(1)), r.getString(2), r.getString(3), instant(r, 4),
                            instant(r, 5), instant(r, 6), instant(r, 7), (Integer) r.getObject(8), (Integer) r.getObject(9)));
                }
            }
            try (ResultSet r = s.executeQuery("select id, case_number, state, accepted_at, closed_at, committed_due, card "
                    + "from service_case where hall_code = '" + hall + "'")) {
                while (r.next()) {
                    lines.add(HistoryPlan.caseLine(UUID.fromString(r.getString(1)), r.getString(2), r.getString(3), instant(r, 4),
                            instant(r, 5), instant(r, 6), r.getTimestamp(5) == null ? null : r.getString(7)));
                }
            }
            try (ResultSet r = s.executeQuery("select id, subject, ticket_id, case_id, score, attitude, rated_at, day, clerk, window_number, "
                    + "item_code, department, category, channel, excluded_at, efficiency, quality, integrity, comment from rating "
                    + "where hall_code = '" + hall + "'")) {
                while (r.next()) {
                    lines.add(HistoryFeedback.line(new HistoryRating(UUID.fromString(r.getString(1)), r.getString(2), uuid(r, 3), uuid(r, 4),
                            r.getInt(5), (Integer) r.getObject(6), (Integer) r.getObject(16), (Integer) r.getObject(17),
                            (Integer) r.getObject(18), r.getString(19), instant(r, 7), r.getDate(8).toLocalDate(), r.getString(9), r.getInt(10),
                            r.getString(11), r.getString(12), r.getString(13), r.getString(14), instant(r, 15))));
                }
            }
            try (ResultSet r = s.executeQuery("select x.id, x.rating_id, x.state, x.version, x.contact_due, x.rectify_due, x.card, "
                    + "(select count(*) from rectification_step p where p.rectification_id = x.id) from rectification x "
                    + "where x.hall_code = '" + hall + "'")) {
                while (r.next()) {
                    boolean running = io.siban.feedback.RectificationState.valueOf(r.getString(3)).isRunning();
                    lines.add(HistoryPlan.rectificationLine(UUID.fromString(r.getString(1)), UUID.fromString(r.getString(2)), r.getString(3),
                            r.getInt(4), instant(r, 5), instant(r, 6), running ? null : r.getString(7), r.getInt(8)));
                }
            }
        }
        return HistoryPlan.digest(lines);
    }

    private static UUID uuid(ResultSet r, int column) throws Exception {
        String id = r.getString(column);
        return id == null ? null : UUID.fromString(id);
    }

    private static Instant instant(ResultSet r, int column) throws Exception {
        java.sql.Timestamp at = r.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static Map<String, Long> counts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("ticket", "ticket_step", "ticket_counter", "hall_day_tally", "service_case", "case_transition",
                "case_card_change", "case_visit", "rating", "rectification", "rectification_step", "rectification_card_change")) {
            counts.put(table, count("select count(*) from " + table));
        }
        return counts;
    }

    private static String text(String sql) throws Exception {
        try (Connection db = LocalServicesResource.connect(); Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection db = LocalServicesResource.connect(); Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
