package io.siban.metrics;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siban.cases.CaseResourceTest;
import io.siban.cases.sla.CardSweeper;
import io.siban.cases.sla.SlaMeters;
import io.siban.common.Clocks;
import io.siban.outbox.OutboxPublisher;
import io.siban.support.Api;
import io.siban.support.LocalServicesResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static io.siban.cases.CaseResourceTest.DOCUMENTS;
import static io.siban.cases.CaseResourceTest.create;
import static io.siban.cases.CaseResourceTest.item;
import static io.siban.cases.CaseResourceTest.move;
import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

/** The business meters on the management port, with their values after a known scenario, and labels that name no one. */
@QuarkusTest
class BusinessMetricsTest {
    @TestHTTPResource(value = "/", management = true)
    URL management;
    @Inject
    Clocks clocks;
    @Inject
    OutboxPublisher publisher;
    @Inject
    CardSweeper sweeper;
    @Inject
    SlaMeters slaMeters;
    @Inject
    io.siban.feedback.FeedbackMeters feedbackMeters;
    @Inject
    HallMeters hallMeters;

    @AfterEach
    void realTime() {
        clocks.reset();
    }

    void at(String local) {
        clocks.use(Clock.fixed(local(local), ZoneOffset.UTC));
    }

    static Instant local(String local) {
        return OffsetDateTime.parse(local + "+08:00").toInstant();
    }

    /** Scrapes until the predicate holds (the publisher numbers events in the background too), at most 10 s. */
    Scrape scrapeUntil(Predicate<Scrape> done) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        Scrape scrape = Scrape.of(management);
        while (!done.test(scrape) && Instant.now().isBefore(deadline)) {
            publisher.drainUntilIdle().await().atMost(Duration.ofSeconds(10));
            Thread.sleep(50);
            scrape = Scrape.of(management);
        }
        return scrape;
    }

    static String issue(String hall, String queue) {
        return as(Api.kioskToken(hall)).body(Map.of("queueCode", queue, "channel", "KIOSK"))
                .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(201).extract().path("id");
    }

    @Test
    void ticketsIssuedWaitsAndServiceTimesAreCountedOnceWithTheirValues() throws Exception {
        String hall = Api.hall("mt-" + UUID.randomUUID().toString().substring(0, 8));
        String clerk = Api.staffToken("clerk", hall);
        at("2026-10-12T10:00:00");
        String first = issue(hall, "A");
        issue(hall, "A");
        at("2026-10-12T10:00:10");
        for (int i = 0; i < 2; i++) {
            as(Api.kioskToken(hall)).header("Idempotency-Key", "metrics-" + hall).body(Map.of("queueCode", "B", "channel", "KIOSK"))
                    .post("/api/v1/halls/" + hall + "/tickets").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        }
        at("2026-10-12T10:06:40");
        as(clerk).post("/api/v1/halls/" + hall + "/windows/1/call-next").then().statusCode(200);
        as(clerk).post("/api/v1/tickets/" + first + "/start").then().statusCode(200);
        at("2026-10-12T10:11:40");
        as(clerk).body(Map.of("outcome", "CONSULTATION")).post("/api/v1/tickets/" + first + "/finish").then().statusCode(200);
        at("2026-10-12T10:16:40");
        as(clerk).post("/api/v1/halls/" + hall + "/windows/2/call-next").then().statusCode(200);

        String[] a = {"hall", hall, "queue", "A"};
        Scrape scrape = scrapeUntil(s -> Double.valueOf(2).equals(s.value("siban_ticket_wait_seconds_count", a))
                && Double.valueOf(3).equals(s.value("siban_tickets_issued_total", "hall", hall, "channel", "kiosk"))
                && Double.valueOf(1).equals(s.value("siban_ticket_service_seconds_count", "hall", hall)));
        assertThat(scrape.value("siban_tickets_issued_total", "hall", hall, "channel", "kiosk"))
                .as("three tickets: the retried issue with the same key is the same ticket").isEqualTo(3.0);
        assertThat(scrape.value("siban_ticket_wait_seconds_count", a)).as("both calls were in queue A").isEqualTo(2.0);
        assertThat(scrape.value("siban_ticket_wait_seconds_sum", a)).as("400 s and 1000 s").isEqualTo(1400.0);
        assertThat(scrape.bucket("siban_ticket_wait_seconds", 300, a)).isEqualTo(0.0);
        assertThat(scrape.bucket("siban_ticket_wait_seconds", 420, a)).isEqualTo(1.0);
        assertThat(scrape.bucket("siban_ticket_wait_seconds", 900, a)).isEqualTo(1.0);
        assertThat(scrape.bucket("siban_ticket_wait_seconds", 1200, a)).isEqualTo(2.0);
        assertThat(scrape.value("siban_ticket_wait_seconds_count", "hall", hall, "queue", "B")).as("B was not called").isNull();
        assertThat(scrape.value("siban_ticket_service_seconds_sum", "hall", hall)).isEqualTo(300.0);
        assertThat(scrape.bucket("siban_ticket_service_seconds", 180, "hall", hall)).isEqualTo(0.0);
        assertThat(scrape.bucket("siban_ticket_service_seconds", 300, "hall", hall)).isEqualTo(1.0);

        hallMeters.refresh().await().atMost(Duration.ofSeconds(10));
        publisher.drainUntilIdle().await().atMost(Duration.ofSeconds(10));
        Scrape again = Scrape.of(management);
        assertThat(again.value("siban_tickets_issued_total", "hall", hall, "channel", "kiosk")).as("counted once").isEqualTo(3.0);
        assertThat(again.value("siban_ticket_wait_seconds_count", a)).isEqualTo(2.0);
        assertThat(again.value("siban_tickets_issued_total", "hall", hall, "channel", "mobile"))
                .as("a channel that issued nothing shows zero, so a silent hall can be seen").isEqualTo(0.0);
    }

    /**
     * Publishers racing for the numbering lock, as those of several instances do: each drain is its
     * own transaction under the same advisory lock, so every ticket is still counted exactly once.
     */
    @Test
    void racingPublishersCountEachTicketExactlyOnce() throws Exception {
        String hall = Api.hall("mr-" + UUID.randomUUID().toString().substring(0, 8));
        Api.kioskToken(hall);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.atomic.AtomicBoolean issuing = new java.util.concurrent.atomic.AtomicBoolean(true);
        try {
            List<java.util.concurrent.Future<?>> drains = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                drains.add(pool.submit(() -> {
                    while (issuing.get()) {
                        publisher.drainUntilIdle().await().atMost(Duration.ofSeconds(10));
                    }
                    return null;
                }));
            }
            List<java.util.concurrent.Future<String>> tickets = new java.util.ArrayList<>();
            for (int i = 0; i < 60; i++) {
                tickets.add(pool.submit(() -> issue(hall, "A")));
            }
            for (var ticket : tickets) {
                ticket.get();
            }
            issuing.set(false);
            for (var drain : drains) {
                drain.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Scrape scrape = scrapeUntil(s -> Double.valueOf(60).equals(s.value("siban_tickets_issued_total", "hall", hall, "channel", "kiosk")));
        Thread.sleep(300);
        publisher.drainUntilIdle().await().atMost(Duration.ofSeconds(10));
        assertThat(Scrape.of(management).value("siban_tickets_issued_total", "hall", hall, "channel", "kiosk")).isEqualTo(60.0);
        assertThat(scrape.value("siban_tickets_issued_total", "hall", hall, "channel", "kiosk")).isEqualTo(60.0);
    }

    @Test
    void casesClosedCountOnTimeAndLateAndOpenCasesShowTheirCards() {
        String hall = CaseResourceTest.hall();
        String clerk = Api.staffToken("clerk", hall);
        String reviewer = Api.staffToken("reviewer", hall);
        String limited = item("TIME_LIMITED", false, Map.of());
        at("2026-10-12T10:00:00");
        String onTime = create(hall, limited, "WINDOW", DOCUMENTS, clerk).statusCode(201).extract().path("id");
        create(hall, limited, "WINDOW", DOCUMENTS, clerk).statusCode(201);
        String late = create(hall, limited, "WINDOW", DOCUMENTS, clerk).statusCode(201).extract().path("id");
        create(hall, item("SAME_DAY", false, Map.of()), "WINDOW", DOCUMENTS, clerk).statusCode(201);
        create(hall, item("TIME_LIMITED", false, Map.of("committedLimit", Map.of("workingDays", 2),
                "statutoryLimit", Map.of("workingDays", 3))), "WINDOW", DOCUMENTS, clerk).statusCode(201);
        at("2026-10-12T11:00:00");
        move(onTime, 0, Map.of("action", "START_REVIEW"), reviewer).statusCode(200);
        move(onTime, 1, Map.of("action", "APPROVE"), reviewer).statusCode(200);
        at("2026-10-16T10:00:00");
        create(hall, limited, "WINDOW", DOCUMENTS, clerk).statusCode(201);
        at("2026-10-22T10:00:00");
        create(hall, limited, "WINDOW", DOCUMENTS, clerk).statusCode(201);
        at("2026-10-23T10:00:00");
        move(late, 0, Map.of("action", "REJECT", "reason", "材料不符"), reviewer).statusCode(200);
        sweeper.sweepOnce().await().atMost(Duration.ofSeconds(30));
        sweeper.sweepOnce().await().atMost(Duration.ofSeconds(30));
        slaMeters.refresh().await().atMost(Duration.ofSeconds(10));

        Scrape scrape = Scrape.of(management);
        String[] closed = {"hall", hall, "category", "time_limited", "on_time"};
        assertThat(scrape.value("siban_cases_closed_total", append(closed, "true"))).isEqualTo(1.0);
        assertThat(scrape.value("siban_cases_closed_total", append(closed, "false"))).isEqualTo(1.0);
        Map<String, Double> timeLimited = Map.of("none", 1.0, "yellow", 1.0, "red", 1.0, "legal_breach", 1.0);
        timeLimited.forEach((card, count) -> assertThat(scrape.value("siban_cases_open", "hall", hall, "category", "time_limited", "card", card))
                .as("time-limited, " + card).isEqualTo(count));
        Map<String, Double> sameDay = Map.of("none", 0.0, "yellow", 0.0, "red", 1.0, "legal_breach", 0.0);
        sameDay.forEach((card, count) -> assertThat(scrape.value("siban_cases_open", "hall", hall, "category", "same_day", "card", card))
                .as("same-day, " + card).isEqualTo(count));
        assertThat(scrape.value("siban_cases_open", "hall", hall, "category", "immediate", "card", "none")).isEqualTo(0.0);
    }

    private static String[] append(String[] labels, String value) {
        String[] all = java.util.Arrays.copyOf(labels, labels.length + 1);
        all[labels.length] = value;
        return all;
    }

    @Test
    void theCalendarGaugeDropsBelowTheAlarmLineWhenNextYearIsMissingAndHallsShowWhenTheyAreOpen() {
        String calendar = "conf-" + UUID.randomUUID().toString().substring(0, 6);
        List<List<String>> hours = List.of(List.of("09:00", "12:00"), List.of("13:00", "17:00"));
        as(Api.adminToken()).body(Map.of("timezone", "Asia/Shanghai", "holidays", List.of("2026-10-01"),
                "weeklyHours", Map.of("MONDAY", hours, "TUESDAY", hours, "WEDNESDAY", hours, "THURSDAY", hours, "FRIDAY", hours)))
                .put("/api/v1/calendars/" + calendar).then().statusCode(201);
        String hall = "op-" + UUID.randomUUID().toString().substring(0, 6);
        as(Api.adminToken()).body(Map.of("code", hall, "name", "open hall", "calendarId", calendar)).post("/api/v1/halls").then().statusCode(201);

        at("2026-10-31T10:00:00");
        hallMeters.refresh().await().atMost(Duration.ofSeconds(10));
        assertThat(Scrape.of(management).value("siban_calendar_confirmed_days", "calendar", calendar)).as("31 Oct to 31 Dec").isEqualTo(62.0);
        assertThat(Scrape.of(management).value("siban_hall_open", "hall", hall)).as("no window open").isEqualTo(0.0);

        as(Api.adminToken()).body(Map.of("code", "A", "prefix", "A", "name", "Queue A")).post("/api/v1/halls/" + hall + "/queues")
                .then().statusCode(201);
        Api.window(hall, 1, "A");
        at("2026-11-02T10:00:00");
        hallMeters.refresh().await().atMost(Duration.ofSeconds(10));
        Scrape monday = Scrape.of(management);
        assertThat(monday.value("siban_calendar_confirmed_days", "calendar", calendar)).as("below 62 from 1 November").isEqualTo(60.0);
        assertThat(monday.value("siban_hall_open", "hall", hall)).as("Monday 10:00, a window open").isEqualTo(1.0);

        as(Api.adminToken()).body(Map.of("holidays", List.of("2027-01-01"), "workdays", List.of(), "official", true))
                .put("/api/v1/calendars/" + calendar + "/years/2027").then().statusCode(200);
        at("2026-11-02T20:00:00");
        hallMeters.refresh().await().atMost(Duration.ofSeconds(10));
        Scrape evening = Scrape.of(management);
        assertThat(evening.value("siban_calendar_confirmed_days", "calendar", calendar)).as("through 31 Dec 2027").isEqualTo(60.0 + 365);
        assertThat(evening.value("siban_hall_open", "hall", hall)).as("after office hours").isEqualTo(0.0);
    }

    private static final Pattern UUID_LIKE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-");
    private static final Set<String> LABELS = Set.of("hall", "channel", "queue", "category", "card", "on_time", "calendar", "le", "result");

    @Test
    void labelsAreConfigurationOrEnumsAndNeverAnIdOrAPerson() throws Exception {
        ticketsIssuedWaitsAndServiceTimesAreCountedOnceWithTheirValues();
        casesClosedCountOnTimeAndLateAndOpenCasesShowTheirCards();
        hallMeters.refresh().await().atMost(Duration.ofSeconds(10));
        Set<String> halls = column("select code from hall");
        Set<String> queues = column("select code from hall_queue");
        Set<String> calendars = column("select id from calendar");
        Set<String> people = column("select username from staff");
        Set<String> enums = Set.of("channel", "category", "card", "on_time", "le", "result");
        Map<String, Predicate<String>> allowed = Map.of(
                "hall", halls::contains, "queue", queues::contains, "calendar", calendars::contains,
                "channel", Set.of("kiosk", "mobile", "appointment", "unknown")::contains,
                "category", Set.of("immediate", "same_day", "time_limited", "proxy")::contains,
                "card", Set.of(BusinessMeters.CARDS)::contains, "on_time", Set.of("true", "false")::contains,
                "le", value -> value.equals("+Inf") || value.matches("\\d+(\\.\\d+)?"),
                "result", Set.of("delivered", "failed", "dead")::contains);
        feedbackMeters.refresh().await().atMost(Duration.ofSeconds(10));
        List<Scrape.Series> business = Scrape.of(management).business();
        assertThat(business).extracting(Scrape.Series::name).contains("siban_tickets_issued_total", "siban_ticket_wait_seconds_bucket",
                "siban_ticket_service_seconds_bucket", "siban_cases_open", "siban_cases_closed_total", "siban_calendar_confirmed_days",
                "siban_rectifications_overdue");
        assertThat(business).extracting(Scrape.Series::name).as("the webhook meters exist from the start, at zero")
                .contains("siban_webhook_deliveries_total", "siban_webhook_pending", "siban_webhook_lag_seconds", "siban_webhook_retrying");
        for (Scrape.Series series : business) {
            assertThat(LABELS).as(series.toString()).containsAll(series.labels().keySet());
            series.labels().forEach((label, value) -> {
                assertThat(allowed.get(label).test(value)).as(series.name() + " " + label + "=" + value).isTrue();
                assertThat(UUID_LIKE.matcher(value).find()).as(label + "=" + value).isFalse();
                if (!enums.contains(label)) { // an enum value is no person, even where someone's username is "true"
                    assertThat(people).as(label + "=" + value).doesNotContain(value);
                }
            });
        }
    }

    static Set<String> column(String sql) throws Exception {
        try (Connection db = LocalServicesResource.connect(); var statement = db.prepareStatement(sql)) {
            ResultSet rows = statement.executeQuery();
            Set<String> values = new HashSet<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
