package io.siban.demo;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.siban.cases.CaseAction;
import io.siban.cases.CaseChannel;
import io.siban.cases.CaseIntake;
import io.siban.cases.CaseMoves;
import io.siban.cases.dto.CaseRequest;
import io.siban.cases.dto.TransitionRequest;
import io.siban.common.Clocks;
import io.siban.common.Periodic;
import io.siban.queue.CallNext;
import io.siban.queue.Channel;
import io.siban.queue.Outcome;
import io.siban.queue.TicketIssuer;
import io.siban.queue.TicketMoves;
import io.siban.queue.dto.FinishRequest;
import io.siban.queue.dto.IssueRequest;
import io.siban.security.Caller;
import io.siban.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The demo's gentle simulated flow: kiosks issue tickets, the demo clerks at the windows call, start
 * and finish them (a few do not show, some take in a case, many are rated), an online application
 * arrives now and then and open cases move on — all through the real services, so events, boards,
 * streams and the SLA follow as in real use. Demo profile only ({@code siban.demo.simulate}); it runs
 * at any hour, so a newcomer at night sees motion too. Window 1 of each hall is left to a person
 * (log in as clerk1 or glclerk1), and the flow leaves alone any ticket it did not call. One instance
 * is assumed: two would each run their own flow (still correct, just twice as busy). A step that fails
 * is logged and the next one goes on.
 */
@ApplicationScoped
public class DemoFlow {
    private static final Logger LOG = Logger.getLogger(DemoFlow.class);
    static final List<String> HALLS = List.of(DemoSeed.CITY, DemoSeed.COUNTY);
    /** Windows the flow leaves to people. */
    static final Integer[] LEFT_TO_PEOPLE = {1};
    static final double NO_SHOW = 0.05;
    static final double CASE_ACCEPTED = 0.3;
    static final double RATED = 0.5;
    static final double WALK_SECONDS = 20;
    /** Online applications arrive this many times less often than open cases move. */
    static final double ONLINE_CASE_RARITY = 4.5;
    static final Caller REVIEWER = new Caller("reviewer", Set.of(Roles.REVIEWER), HALLS, null);

    @Inject
    DemoAppointments appointments;
    @Inject
    Vertx vertx;
    @Inject
    DemoConfig config;
    @Inject
    Pool pool;
    @Inject
    Clocks clocks;
    @Inject
    TicketIssuer issuer;
    @Inject
    CallNext callNext;
    @Inject
    TicketMoves moves;
    @Inject
    CaseIntake intake;
    @Inject
    CaseMoves caseMoves;

    private final Random random = new Random();
    private final Map<String, List<FlowItem>> items = new ConcurrentHashMap<>();
    /** Open windows the flow worked in each hall at its last step. */
    private final Map<String, Integer> windows = new ConcurrentHashMap<>();
    private volatile Periodic periodic;

    /** After the demo seed (priority 30): only with the demo halls seeded and the flow switched on. */
    void start(@Observes @Priority(40) StartupEvent event) {
        if (!config.seed() || !config.simulate()) {
            if (config.seed()) {
                LOG.info("demo flow off (siban.demo.simulate=false)");
            }
            return;
        }
        begin();
        LOG.infof("demo flow on: a step every %s (SIBAN_DEMO_SIMULATE=false turns it off)", config.simulateEvery());
    }

    /** Starts the steps (at start-up when switched on; a test starts it by hand). */
    synchronized void begin() {
        if (periodic == null) {
            Periodic flow = new Periodic(vertx, "demo flow", this::step);
            flow.start(Duration.ofSeconds(1), config.simulateEvery(), Duration.ofSeconds(30));
            periodic = flow;
        }
    }

    synchronized void end() {
        if (periodic != null) {
            periodic.stop();
            periodic = null;
        }
    }

    void stop(@Observes ShutdownEvent event) {
        end();
    }

    /** Whether the flow runs in this instance. */
    public boolean running() {
        return periodic != null;
    }

    /** One step in every hall, each action on its own: a failure is logged and the rest goes on. */
    Uni<Void> step() {
        Uni<Void> chain = safely("appointment check-ins", () -> appointments.checkInDue());
        for (String hall : HALLS) {
            chain = chain.chain(() -> safely("items of " + hall, () -> itemsOf(hall)))
                    .chain(() -> safely("windows of " + hall, () -> windows(hall)))
                    .chain(() -> chance(issueChance(hall)) ? safely("issue in " + hall, () -> issue(hall)) : Uni.createFrom().voidItem())
                    .chain(() -> chance(perStep(config.simulateCaseSeconds())) ? safely("case move in " + hall, () -> moveCase(hall))
                            : Uni.createFrom().voidItem())
                    .chain(() -> chance(perStep(config.simulateCaseSeconds() * ONLINE_CASE_RARITY))
                            ? safely("online case in " + hall, () -> onlineCase(hall)) : Uni.createFrom().voidItem());
        }
        return chain;
    }

    private static Uni<Void> safely(String what, Supplier<Uni<?>> action) {
        return Uni.createFrom().deferred(action).replaceWithVoid().onFailure().invoke(failure -> LOG.debugf("demo flow: %s skipped: %s", what, failure.toString()))
                .onFailure().recoverWithNull();
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** The chance per step of something that happens on average every {@code seconds}. */
    private double perStep(double seconds) {
        return Math.min(1, config.simulateEvery().toMillis() / 1000.0 / seconds);
    }

    /** Each open simulated window brings a ticket every {@code simulate-issue-seconds} on average. */
    private double issueChance(String hall) {
        return Math.min(1, perStep(config.simulateIssueSeconds()) * windows.getOrDefault(hall, 0));
    }

    private Uni<List<FlowItem>> itemsOf(String hall) {
        List<FlowItem> known = items.get(hall);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return pool.preparedQuery(DemoStore.FLOW_ITEMS).execute(Tuple.of(hall)).map(rows -> {
            List<FlowItem> found = new ArrayList<>();
            rows.forEach(r -> found.add(new FlowItem(r.getString("code"), r.getString("queue_code"), r.getBoolean("online_capable"),
                    List.of(r.getArrayOfStrings("required_documents")))));
            if (!found.isEmpty()) {
                items.put(hall, List.copyOf(found));
            }
            return found;
        });
    }

    private Uni<?> issue(String hall) {
        List<FlowItem> known = items.getOrDefault(hall, List.of());
        if (known.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        FlowItem item = known.get(random.nextInt(known.size()));
        Channel channel = random.nextDouble() < 0.12 ? Channel.MOBILE : Channel.KIOSK;
        return issuer.issue(hall, new IssueRequest(item.code(), null, channel, io.siban.queue.Priority.NORMAL, null, null, null), null);
    }

    /** Moves every simulated window on by what its clerk would do now. */
    private Uni<Void> windows(String hall) {
        return pool.preparedQuery(DemoStore.FLOW_WINDOWS).execute(Tuple.of(hall, LEFT_TO_PEOPLE)).chain(rows -> {
            windows.put(hall, rows.size());
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Row r : rows) {
                int window = r.getInteger("number");
                Caller clerk = DemoSeed.clerkAt(hall, window);
                UUID ticket = r.getUUID("id");
                if (ticket == null) {
                    chain = chain.chain(() -> safely("call at " + hall + "/" + window, () -> callNext.callNext(hall, window, clerk)));
                } else if (clerk.actor().equals(r.getString("called_by"))) {
                    Uni<?> next = next(ticket, r, clerk);
                    chain = chain.chain(() -> safely("ticket at " + hall + "/" + window, () -> next));
                }
            }
            return chain;
        });
    }

    /** What the clerk does with the ticket at the window: start it once the citizen has walked up, finish it after its service time. */
    private Uni<?> next(UUID ticket, Row r, Caller clerk) {
        OffsetDateTime now = clocks.now();
        if ("CALLED".equals(r.getString("status"))) {
            if (r.getOffsetDateTime("called_at").plus(scaled(WALK_SECONDS)).isAfter(now)) {
                return Uni.createFrom().voidItem();
            }
            return chance(NO_SHOW) ? moves.noShow(ticket, clerk) : moves.start(ticket, clerk);
        }
        if (r.getOffsetDateTime("started_at").plus(serviceTime(ticket, r.getString("queue_code"))).isAfter(now)) {
            return Uni.createFrom().voidItem();
        }
        return chance(CASE_ACCEPTED) ? takeCase(ticket, r.getString("item_code"), clerk) : finish(ticket, clerk, chance(0.6) ? Outcome.COMPLETED_ON_SPOT
                : Outcome.CONSULTATION, null);
    }

    /** A case taken in during the visit, with every required document, then the visit finished with it. */
    private Uni<?> takeCase(UUID ticket, String itemCode, Caller clerk) {
        String hall = clerk.halls().get(0);
        FlowItem item = items.getOrDefault(hall, List.of()).stream().filter(i -> i.code().equals(itemCode)).findFirst().orElse(null);
        if (item == null) {
            return finish(ticket, clerk, Outcome.CONSULTATION, null);
        }
        CaseRequest request = new CaseRequest(item.code(), hall, CaseChannel.WINDOW, ticket, applicant(), item.requiredDocuments());
        return intake.create(request, null, clerk).chain(created -> finish(ticket, clerk, Outcome.CASE_ACCEPTED, created.view().id()));
    }

    private Uni<?> finish(UUID ticket, Caller clerk, Outcome outcome, UUID caseId) {
        return moves.finish(ticket, new FinishRequest(outcome, caseId, null), clerk)
                .chain(done -> chance(RATED) ? moves.rate(ticket, HistoryChoices.flowRating(random), Caller.ticketHolder())
                        : Uni.createFrom().voidItem());
    }

    /** An online or mobile application for an online-capable item, waiting for pre-review. */
    private Uni<?> onlineCase(String hall) {
        List<FlowItem> online = items.getOrDefault(hall, List.of()).stream().filter(FlowItem::onlineCapable).toList();
        if (online.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        FlowItem item = online.get(random.nextInt(online.size()));
        CaseChannel channel = random.nextDouble() < 0.3 ? CaseChannel.MOBILE : CaseChannel.ONLINE;
        Caller portal = new Caller(channel == CaseChannel.MOBILE ? "mobile-app" : "online-portal", Set.of(Roles.KIOSK), List.of(hall), null);
        return intake.create(new CaseRequest(item.code(), hall, channel, null, applicant(), item.requiredDocuments()), null, portal);
    }

    /** Moves an open case of the hall one step along its usual path: half the time the most urgent, else any. */
    private Uni<?> moveCase(String hall) {
        String[] states = {"SUBMITTED", "ACCEPTED", "IN_REVIEW", "FORWARDED", "RETURNED", "APPROVED", "REJECTED"};
        String pick = chance(0.5) ? DemoStore.FLOW_URGENT_CASE : DemoStore.FLOW_ANY_CASE;
        return pool.preparedQuery(pick).execute(Tuple.of(hall, states)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().voidItem();
            }
            Row r = rows.iterator().next();
            boolean proxy = "PROXY".equals(r.getString("category"));
            boolean immediate = "IMMEDIATE".equals(r.getString("category"));
            CaseAction action = switch (r.getString("state")) {
                case "SUBMITTED" -> CaseAction.ACCEPT;
                case "ACCEPTED" -> immediate ? CaseAction.APPROVE : CaseAction.START_REVIEW;
                case "IN_REVIEW" -> proxy ? CaseAction.FORWARD : chance(0.94) ? CaseAction.APPROVE : CaseAction.REJECT;
                case "FORWARDED" -> CaseAction.UPSTREAM_RETURNED;
                case "RETURNED" -> CaseAction.APPROVE;
                default -> CaseAction.DELIVER;
            };
            boolean reviews = action == CaseAction.START_REVIEW || action == CaseAction.APPROVE || action == CaseAction.REJECT;
            Caller caller = reviews ? REVIEWER : DemoSeed.clerkAt(hall, 2);
            return caseMoves.transition(r.getUUID("id"), new TransitionRequest(action, null, null, null, null),
                    Integer.toString(r.getInteger("version")), caller);
        });
    }

    private IssueRequest.Applicant applicant() {
        HistoryCase.Applicant a = HistoryCases.applicant(random);
        return new IssueRequest.Applicant(a.name(), a.idNumber(), a.phone());
    }

    /** A service time around the queue's median, sped up by {@code simulate-service-speed}; the same for a ticket every time it is asked. */
    private Duration serviceTime(UUID ticket, String queue) {
        return scaled(HistoryChoices.serviceSeconds(queue, new Random(ticket.getLeastSignificantBits()).nextGaussian()));
    }

    private Duration scaled(double seconds) {
        return Duration.ofMillis(Math.round(seconds * config.simulateServiceSpeed() * 1000));
    }
}
