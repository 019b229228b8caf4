package io.siban.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.VertxContextSupport;
import io.siban.cases.CaseNumbers;
import io.siban.cases.sla.DeadlineIndex;
import io.siban.cases.sla.SlaCounters;
import io.siban.report.Rollups;
import io.siban.catalog.Category;
import io.siban.catalog.Limit;
import io.siban.common.Clocks;
import io.siban.common.PersonalData;
import io.siban.feedback.RectificationCards;
import io.siban.queue.QueueConfig;
import io.siban.queue.dto.IssueRequest;
import io.siban.sla.calendar.WorkingCalendar;
import io.siban.sla.calendar.WorkingCalendars;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The demo halls' history: planned in plain Java ({@link HistoryPlan}, from a fixed seed) and written
 * once, in one transaction, table by table with set-based statements. A database that holds it (its
 * tickets carry the history's idempotency keys) is never seeded again, so restarts add nothing; an
 * advisory lock makes two instances starting together write it once.
 */
@ApplicationScoped
public class DemoHistory {
    private static final Logger LOG = Logger.getLogger(DemoHistory.class);
    /** Rows per statement: arrays of this size keep each message small and the whole seed a few seconds. */
    static final int CHUNK = 4_000;

    @Inject
    Pool pool;
    @Inject
    Clocks clocks;
    @Inject
    PersonalData personalData;
    @Inject
    ObjectMapper json;
    @Inject
    WorkingCalendars calendars;
    @Inject
    QueueConfig queueConfig;
    @Inject
    DemoConfig config;
    @Inject
    DeadlineIndex index;
    @Inject
    SlaCounters counters;
    @Inject
    Rollups rollups;
    @Inject
    RectificationCards rectificationCards;
    @Inject
    io.siban.feedback.FeedbackCounters feedbackCounters;

    private volatile List<HistoryInput> lastInputs = List.of();
    private volatile List<HistoryPlan> lastPlans = List.of();

    /**
     * Seeds the halls' history unless the database holds it. Start-up only: it waits on the main thread;
     * the planning runs there too, never on an event loop.
     */
    void seedAtStartup(List<String> halls) throws Throwable {
        if (VertxContextSupport.subscribeAndAwait(() -> seeded(halls))) {
            LOG.info("demo history already seeded; nothing added");
            return;
        }
        long started = System.nanoTime();
        List<HistoryInput> inputs = new ArrayList<>();
        for (String hall : halls) {
            inputs.add(VertxContextSupport.subscribeAndAwait(() -> input(hall)));
        }
        List<HistoryPlan> plans = inputs.parallelStream().map(HistoryPlan::of).toList();
        List<Statement> statements = plans.stream().flatMap(plan -> statements(plan).stream()).toList();
        long planned = System.nanoTime();
        boolean written = VertxContextSupport.subscribeAndAwait(() -> write(halls, statements));
        if (written) {
            VertxContextSupport.subscribeAndAwait(() -> afterHistory(plans));
            lastInputs = List.copyOf(inputs);
            lastPlans = plans;
            LOG.infof("demo history seeded: %d tickets, %d cases, %d ratings and %d rectifications over %d days in %d ms (planned in %d ms)",
                    plans.stream().mapToInt(p -> p.tickets().size()).sum(), plans.stream().mapToInt(p -> p.cases().size()).sum(),
                    plans.stream().mapToInt(p -> p.ratings().size()).sum(), plans.stream().mapToInt(p -> p.rectifications().size()).sum(),
                    config.historyDays(), (System.nanoTime() - started) / 1_000_000, (planned - started) / 1_000_000);
        }
    }

    /** The inputs and plans of the last seed this instance wrote (for tests). */
    List<HistoryInput> lastInputs() {
        return lastInputs;
    }

    List<HistoryPlan> lastPlans() {
        return lastPlans;
    }

    /**
     * Everything that follows the history's commit, once per seed: the SLA counters of the halls are
     * recounted and the deadline index rebuilt from the stored dues, so the history's open cases take
     * part in the live SLA (a card that fell due since the history's cutoff fires at the next sweep);
     * so are the rectifications' index, for their cards, and the halls' rectification counters.
     * The per-day KPI rollups of the days written are rebuilt from the rows, since the history writes no events.
     */
    Uni<Void> afterHistory(List<HistoryPlan> plans) {
        plans.forEach(plan -> {
            counters.touched(plan.hall());
            feedbackCounters.touched(plan.hall());
        });
        Uni<Void> chain = index.invalidate().chain(() -> rectificationCards.index().invalidate());
        for (HistoryPlan plan : plans) {
            chain = chain.chain(() -> rollups.rebuild(plan.hall(), plan.from(), plan.to().minusDays(1)));
        }
        return chain;
    }

    Uni<Boolean> seeded(List<String> halls) {
        return pool.preparedQuery(DemoStore.SEEDED).execute(Tuple.of(halls.toArray(String[]::new)))
                .map(rows -> rows.iterator().next().getBoolean("seeded"));
    }

    /** What the hall's history is planned from, read from the database. */
    Uni<HistoryInput> input(String hall) {
        return pool.preparedQuery(DemoStore.CALENDAR_OF).execute(Tuple.of(hall)).map(rows -> rows.iterator().next())
                .chain(h -> calendars.get(h.getString("calendar_id")).chain(calendar -> input(hall, h, calendar)));
    }

    private Uni<HistoryInput> input(String hall, Row h, WorkingCalendar calendar) {
        LocalDate today = clocks.now().atZoneSameInstant(calendar.zone()).toLocalDate();
        LocalDate from = today.minusDays(config.historyDays());
        return pool.preparedQuery(DemoStore.QUEUES).execute(Tuple.of(hall)).chain(queues ->
                pool.preparedQuery(DemoStore.WINDOWS).execute(Tuple.of(hall)).chain(windows ->
                        pool.preparedQuery(DemoStore.ITEMS).execute().chain(items ->
                                pool.preparedQuery(DemoStore.DAYS_WITH_TICKETS).execute(Tuple.of(hall, from, today))
                                        .map(days -> input(hall, calendar, h, today, queues, windows, items, days)))));
    }

    private HistoryInput input(String hall, WorkingCalendar calendar, Row h, LocalDate today, Iterable<Row> queueRows,
                               Iterable<Row> windowRows, Iterable<Row> itemRows, Iterable<Row> dayRows) {
        List<HistoryInput.Queue> queues = new ArrayList<>();
        queueRows.forEach(r -> queues.add(new HistoryInput.Queue(r.getString("code"), r.getString("prefix"))));
        List<HistoryInput.Window> windows = new ArrayList<>();
        windowRows.forEach(r -> windows.add(new HistoryInput.Window(r.getInteger("number"), List.of(r.getArrayOfStrings("queues")),
                DemoSeed.clerkOf(hall, r.getInteger("number")))));
        List<HistoryInput.Item> items = new ArrayList<>();
        itemRows.forEach(r -> {
            Long warning = r.getLong("warning_threshold_seconds");
            items.add(new HistoryInput.Item(r.getString("code"), r.getString("name"), r.getString("department"),
                    Category.valueOf(r.getString("category")), Limit.stored(r.getInteger("committed_days"), r.getLong("committed_seconds")),
                    Limit.stored(r.getInteger("statutory_days"), r.getLong("statutory_seconds")), r.getInteger("local_stage_days"),
                    warning == null ? null : Duration.ofSeconds(warning), r.getBoolean("online_capable"), r.getString("queue_code"),
                    List.of(r.getArrayOfStrings("required_documents"))));
        });
        Set<LocalDate> skip = new HashSet<>();
        dayRows.forEach(r -> skip.add(r.getLocalDate(0)));
        return new HistoryInput(hall, queues, windows, items, calendar, today, config.historyDays(), config.historySeed(),
                queueConfig.headStart().appointment(), skip, h.getInteger("contact_working_days"), h.getInteger("rectify_working_days"));
    }

    /** One statement of the history's write, with its parameters built beforehand. */
    record Statement(String sql, Tuple params) {
    }

    /**
     * The statements that write a plan, their parameters built here (sealing, arrays), so the
     * transaction's event loop only sends them.
     */
    List<Statement> statements(HistoryPlan plan) {
        String hall = plan.hall();
        LocalDate[] days = plan.tickets().stream().map(HistoryTicket::day).distinct().toArray(LocalDate[]::new);
        List<HistoryTicket.Step> steps = plan.tickets().stream().flatMap(t -> t.steps().stream()).toList();
        List<HistoryRows.Sealed> cases = plan.cases().stream().map(this::sealed).toList();
        List<Object[]> moves = new ArrayList<>();
        List<Object[]> cards = new ArrayList<>();
        List<Object[]> visits = new ArrayList<>();
        for (HistoryCase c : plan.cases()) {
            c.moves().forEach(m -> moves.add(new Object[]{c.id(), HistoryRows.utc(m.at()), m.actor(), m.action(), m.from(), m.to(), m.reason()}));
            c.cardChanges().forEach(k -> cards.add(new Object[]{c.id(), k.card().name(), HistoryRows.utc(k.at()), HistoryRows.utc(k.dueAt())}));
            if (c.ticketId() != null) {
                visits.add(new Object[]{c.id(), c.ticketId(), HistoryRows.utc(c.visitAt())});
            }
        }
        List<Statement> statements = new ArrayList<>();
        chunked(statements, DemoStore.INSERT_TICKETS, plan.tickets(), part -> HistoryRows.tickets(hall, part));
        chunked(statements, DemoStore.INSERT_STEPS, steps, HistoryRows::steps);
        statements.add(new Statement(DemoStore.COUNTERS, Tuple.of(hall, days)));
        statements.add(new Statement(DemoStore.TALLY, Tuple.of(hall, days)));
        chunked(statements, DemoStore.INSERT_CASES, cases, part -> HistoryRows.cases(hall, part));
        chunked(statements, DemoStore.INSERT_MOVES, moves, HistoryRows::columns);
        chunked(statements, DemoStore.INSERT_CARD_CHANGES, cards, HistoryRows::columns);
        chunked(statements, DemoStore.INSERT_VISITS, visits, HistoryRows::columns);
        List<HistoryRows.RectificationStep> rectificationSteps = new ArrayList<>();
        List<Object[]> rectificationCards = new ArrayList<>();
        for (HistoryRectification x : plan.rectifications()) {
            x.steps().forEach(step -> rectificationSteps.add(new HistoryRows.RectificationStep(x.id(), step)));
            x.cardChanges().forEach(k -> rectificationCards.add(new Object[]{x.id(), k.card().name(), HistoryRows.utc(k.at()),
                    HistoryRows.utc(k.dueAt())}));
        }
        chunked(statements, DemoStore.INSERT_RATINGS, plan.ratings(), part -> HistoryRows.ratings(hall, part));
        chunked(statements, DemoStore.INSERT_RECTIFICATIONS, plan.rectifications(), part -> HistoryRows.rectifications(hall, part));
        chunked(statements, DemoStore.INSERT_RECTIFICATION_STEPS, rectificationSteps, HistoryRows::rectificationSteps);
        chunked(statements, DemoStore.INSERT_RECTIFICATION_CARDS, rectificationCards, HistoryRows::columns);
        return statements;
    }

    /** Runs the statements in one transaction; false (and nothing written) when the halls hold the history already. */
    Uni<Boolean> write(List<String> halls, List<Statement> statements) {
        return pool.withTransaction(conn -> conn.query(DemoStore.LOCK).execute()
                .chain(() -> conn.preparedQuery(DemoStore.SEEDED).execute(Tuple.of(halls.toArray(String[]::new))))
                .chain(rows -> {
                    if (rows.iterator().next().getBoolean("seeded")) {
                        return Uni.createFrom().item(false);
                    }
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Statement statement : statements) {
                        chain = chain.chain(() -> conn.preparedQuery(statement.sql()).execute(statement.params()).replaceWithVoid());
                    }
                    return chain.replaceWith(true);
                }));
    }

    private HistoryRows.Sealed sealed(HistoryCase c) {
        HistoryCase.Applicant a = c.applicant();
        return new HistoryRows.Sealed(c, CaseNumbers.codeHash(c.id(), c.code()), personalData.seal(c.code()), PersonalData.maskName(a.name()),
                PersonalData.maskId(a.idNumber()), PersonalData.maskPhone(a.phone()),
                personalData.seal(write(new IssueRequest.Applicant(a.name(), a.idNumber(), a.phone()))));
    }

    private static <T> void chunked(List<Statement> statements, String sql, List<T> rows, Function<List<T>, Tuple> params) {
        for (int i = 0; i < rows.size(); i += CHUNK) {
            statements.add(new Statement(sql, params.apply(rows.subList(i, Math.min(rows.size(), i + CHUNK)))));
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
