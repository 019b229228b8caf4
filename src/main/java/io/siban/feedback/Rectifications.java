package io.siban.feedback;

import io.siban.common.Clocks;
import io.siban.common.problem.ProblemException;
import io.siban.common.web.PageResult;
import io.siban.common.web.Paging;
import io.siban.feedback.dto.FeedbackSettings;
import io.siban.feedback.dto.RectificationSummary;
import io.siban.feedback.dto.RectificationView;
import io.siban.feedback.dto.TransitionRequest;
import io.siban.outbox.Outbox;
import io.siban.outbox.OutboxPublisher;
import io.siban.security.Caller;
import io.siban.security.Roles;
import io.siban.sla.calendar.WorkingCalendars;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * 差评整改: a bad rating opens a rectification owned by its hall's supervisors; they move it through
 * {@link RectificationMachine} from the version they read (If-Match), every step kept. Each move runs
 * the card statement before and after it, so a card that fell due is recorded before the move and one
 * the move changes is recorded with it: one card machinery, whoever gets there first.
 */
@ApplicationScoped
public class Rectifications {
    static final String SYSTEM = "system";
    static final int MAX_NOTE = 1000;

    @Inject
    Pool pool;
    @Inject
    Clocks clocks;
    @Inject
    WorkingCalendars calendars;
    @Inject
    RectificationCards cards;
    @Inject
    FeedbackCounters counters;
    @Inject
    OutboxPublisher publisher;
    @Inject
    RectificationViews views;

    /** Opens the rectification of a bad rating, inside the rating's transaction, and announces it ({@code rating.bad}). */
    Uni<Void> open(SqlConnection conn, RatedService rated, String numberField, String number, OffsetDateTime at) {
        UUID id = UUID.randomUUID();
        return conn.preparedQuery(RectificationStore.HALL_SETTINGS).execute(Tuple.of(rated.hall()))
                .map(rows -> rows.iterator().next())
                .chain(hall -> calendars.get(conn, hall.getString("calendar_id")).chain(calendar -> {
                    RectificationDues dues = RectificationDues.of(calendar, at.toInstant(), hall.getInteger("contact_working_days"),
                            hall.getInteger("rectify_working_days"));
                    java.time.Instant yellow = dues.yellowFrom(calendar, RectificationState.OPEN);
                    return conn.preparedQuery(RectificationStore.OPEN).execute(Tuple.tuple().addUUID(id).addUUID(rated.id())
                                    .addString(rated.hall()).addString(rated.department()).addString(hall.getString("calendar_id"))
                                    .addOffsetDateTime(at).addOffsetDateTime(utc(dues.contactDue())).addOffsetDateTime(utc(dues.rectifyDue()))
                                    .addOffsetDateTime(utc(yellow)).addInteger(hall.getInteger("contact_working_days"))
                                    .addInteger(hall.getInteger("rectify_working_days")))
                            .chain(() -> step(conn, id, at, SYSTEM, "OPEN", null, RectificationState.OPEN, null))
                            .chain(() -> Outbox.append(conn, rated.hall(), "rating.bad", new JsonObject()
                                    .put("ratingId", rated.id().toString()).put("rectificationId", id.toString())
                                    .put("subject", rated.subject()).put("score", rated.score()).put("department", rated.department())
                                    .put("itemName", rated.itemName()).put("window", rated.window() == 0 ? null : rated.window())
                                    .put("clerk", rated.clerk().isEmpty() ? null : rated.clerk()).put(numberField, number)
                                    .put("contactDue", dues.contactDue().toString()).put("rectifyDue", dues.rectifyDue().toString())))
                            .chain(() -> cards.follow(id, true, at.toInstant(), yellow, dues.rectifyDue(), dues.contactDue()));
                }));
    }

    /** A move from the version the caller read; 409 from the wrong state or a stale version. */
    public Uni<RectificationView> transition(UUID id, TransitionRequest raw, String ifMatch, Caller caller) {
        RectificationAction action = FeedbackRules.action(raw);
        String note = FeedbackRules.note(raw, action);
        int expected = io.siban.common.web.IfMatch.version(ifMatch, "rectification");
        OffsetDateTime now = clocks.now();
        // who may act is checked on the locked row before anything else runs on it
        return pool.withTransaction(conn -> conn.preparedQuery(RectificationStore.LOCK).execute(Tuple.of(id))
                        .map(rows -> locked(rows, id, caller))
                        // the card statement changes only the card, none of the fields the move reads from the row
                        .call(() -> fireDue(conn, id, now))
                        .chain(row -> move(conn, row, action, note, expected, caller, now)))
                .invoke(publisher::wake)
                .chain(moved -> cards.follow(id, moved.running(), now.toInstant(), moved.yellowFrom(), moved.rectifyDue(),
                        moved.contactDue()))
                .chain(() -> views.one(id, caller));
    }

    /** @param contactDue while the citizen is not contacted (an instant the counters change at), else null */
    private record Moved(String hall, boolean running, java.time.Instant yellowFrom, java.time.Instant rectifyDue, java.time.Instant contactDue) {
    }

    private Row locked(RowSet<Row> rows, UUID id, Caller caller) {
        if (rows.size() == 0) {
            throw ProblemException.notFound("rectification", id.toString());
        }
        Row row = rows.iterator().next();
        if (!caller.supervises(row.getString("hall_code"), row.getString("department"))) {
            throw ProblemException.forbidden("only the supervisors of hall '" + row.getString("hall_code")
                    + "' who answer for its department act on this rectification");
        }
        return row;
    }

    private Uni<Moved> move(SqlConnection conn, Row row, RectificationAction action, String note, int expected, Caller caller,
                            OffsetDateTime now) {
        RectificationState state = RectificationState.valueOf(row.getString("state"));
        String appealedFromText = row.getString("appealed_from");
        RectificationState appealedFrom = appealedFromText == null ? null : RectificationState.valueOf(appealedFromText);
        if (row.getInteger("version") != expected) {
            throw ProblemException.conflict("the rectification is at version " + row.getInteger("version") + ", not " + expected
                    + ": someone moved it meanwhile; reload it and decide again");
        }
        RectificationState to = RectificationMachine.next(state, action, appealedFrom);
        if (to == null) {
            throw ProblemException.conflict("the rectification is " + state + "; " + action + " needs " + RectificationMachine.from(action));
        }
        if (caller.actor().equals(row.getString("rated_clerk"))) {
            throw ProblemException.forbidden("a bad rating is answered, appealed and reviewed by others than the person it rates");
        }
        if ((action == RectificationAction.EXCLUDE || action == RectificationAction.UPHOLD)
                && caller.actor().equals(row.getString("appealed_by")) && !caller.has(Roles.ADMIN)) {
            throw ProblemException.forbidden("an appeal is reviewed by another supervisor than the one who made it");
        }
        String hall = row.getString("hall_code");
        boolean appealing = action == RectificationAction.APPEAL;
        RectificationState keptFrom = appealing ? state
                : to == RectificationState.APPEALED || to == RectificationState.EXCLUDED ? appealedFrom : null;
        String appealedBy = appealing ? caller.actor() : to == RectificationState.EXCLUDED ? row.getString("appealed_by") : null;
        return calendars.get(conn, row.getString("calendar_id")).chain(calendar -> {
            RectificationDues dues = new RectificationDues(row.getOffsetDateTime("contact_due").toInstant(),
                    row.getOffsetDateTime("rectify_due").toInstant());
            java.time.Instant yellow = dues.yellowFrom(calendar, to == RectificationState.APPEALED ? keptFrom : to);
            return conn.preparedQuery(RectificationStore.MOVE).execute(Tuple.tuple().addUUID(row.getUUID("id")).addInteger(expected)
                            .addString(to.name()).addString(keptFrom == null ? null : keptFrom.name()).addString(appealedBy)
                            .addOffsetDateTime(utc(yellow)).addOffsetDateTime(now))
                    .chain(updated -> {
                        if (updated.size() == 0) {
                            return Uni.createFrom().failure(ProblemException.conflict("the rectification changed meanwhile; reload it"));
                        }
                        Row u = updated.iterator().next();
                        UUID rating = u.getUUID("rating_id");
                        return step(conn, row.getUUID("id"), now, caller.actor(), action.name(), state, to, note)
                                .chain(() -> to == RectificationState.EXCLUDED
                                        ? conn.preparedQuery(RectificationStore.EXCLUDE_RATING).execute(Tuple.of(rating, now)).replaceWithVoid()
                                        : Uni.createFrom().voidItem())
                                .chain(() -> conn.preparedQuery(RectificationStore.RATED).execute(Tuple.of(rating)))
                                .chain(rated -> Outbox.append(conn, hall, "rectification.moved", moved(row, rating, rated.iterator().next(),
                                        action, state, to, u.getInteger("version"), now)))
                                .chain(() -> fireDue(conn, row.getUUID("id"), now))
                                .replaceWith(new Moved(hall, to.isRunning(), yellow, dues.rectifyDue(),
                                        uncontacted(to, keptFrom) ? dues.contactDue() : null));
                    });
        });
    }

    private static boolean uncontacted(RectificationState to, RectificationState appealedFrom) {
        return to == RectificationState.OPEN || to == RectificationState.APPEALED && appealedFrom == RectificationState.OPEN;
    }

    private static JsonObject moved(Row row, UUID rating, Row rated, RectificationAction action, RectificationState from,
                                    RectificationState to, int version, OffsetDateTime at) {
        JsonObject payload = new JsonObject().put("rectificationId", row.getUUID("id").toString()).put("ratingId", rating.toString())
                .put("department", row.getString("department"));
        if (rated.getUUID("ticket_id") != null) {
            payload.put("ticketId", rated.getUUID("ticket_id").toString());
        }
        if (rated.getUUID("case_id") != null) {
            payload.put("caseId", rated.getUUID("case_id").toString());
        }
        return payload.put("action", action.name()).put("from", from.name()).put("to", to.name()).put("version", version)
                .put("at", at.toInstant().toString());
    }

    /** The card statement on one rectification: records a card that is due and differs from the stored one. */
    Uni<Void> fireDue(SqlConnection conn, UUID id, OffsetDateTime now) {
        return conn.preparedQuery(cards.fire()).execute(Tuple.of(new UUID[]{id}, now))
                .replaceWithVoid();
    }

    private static Uni<Void> step(SqlConnection conn, UUID id, OffsetDateTime at, String actor, String action,
                                  RectificationState from, RectificationState to, String note) {
        return conn.preparedQuery(RectificationStore.STEP).execute(Tuple.tuple().addUUID(id).addOffsetDateTime(at).addString(actor)
                .addString(action).addString(from == null ? null : from.name()).addString(to.name()).addString(note)).replaceWithVoid();
    }

    /** The live counters of the halls asked for (one, or all the caller supervises). */
    public Uni<RectificationSummary> summary(String hall, Caller caller) {
        return views.halls(hall, caller).chain(halls -> {
            Uni<List<RectificationSummary.Hall>> all = Uni.createFrom().item(new ArrayList<>());
            for (String each : halls) {
                all = all.chain(list -> counters.of(each).map(counts -> {
                    list.add(counts);
                    return list;
                }));
            }
            return all.map(RectificationSummary::new);
        });
    }

    public Uni<PageResult<RectificationView>> page(RectificationViews.Query query, Caller caller) {
        Paging.check(query.page(), query.size());
        return views.page(query, caller);
    }

    /**
     * Sets the hall's answer deadlines; open rectifications keep the dues they were opened with. The
     * change is kept as a staff event with who made it and the deadlines before (the supervisors set the
     * deadlines they are measured by).
     */
    public Uni<FeedbackSettings> settings(String hall, FeedbackSettings raw, Caller caller) {
        if (!caller.supervises(hall) || !caller.has(Roles.ADMIN) && !caller.departments().isEmpty()) {
            throw ProblemException.forbidden("only the supervisors of hall '" + hall + "' who answer for all its departments set its "
                    + "answer deadlines");
        }
        FeedbackSettings checked = FeedbackRules.settings(raw);
        return pool.withTransaction(conn -> conn.preparedQuery(RectificationStore.SET_HALL_SETTINGS)
                        .execute(Tuple.of(hall, checked.contactWorkingDays(), checked.rectifyWorkingDays()))
                        .call(rows -> rows.size() == 0 ? Uni.createFrom().voidItem()
                                : Outbox.append(conn, hall, "hall.feedback_deadlines", new JsonObject().put("actor", caller.actor())
                                .put("contactWorkingDays", checked.contactWorkingDays()).put("rectifyWorkingDays", checked.rectifyWorkingDays())
                                .put("previousContactWorkingDays", rows.iterator().next().getInteger("old_contact"))
                                .put("previousRectifyWorkingDays", rows.iterator().next().getInteger("old_rectify"))
                                .put("at", clocks.now().toInstant().toString())))
                        .map(rows -> settingsOf(rows, hall)))
                .invoke(publisher::wake);
    }

    public Uni<FeedbackSettings> settings(String hall, Caller caller) {
        if (!caller.supervises(hall)) {
            throw ProblemException.forbidden("only the supervisors of hall '" + hall + "' see its answer deadlines");
        }
        return pool.preparedQuery(RectificationStore.HALL_SETTINGS).execute(Tuple.of(hall)).map(rows -> settingsOf(rows, hall));
    }

    private static FeedbackSettings settingsOf(RowSet<Row> rows, String hall) {
        if (rows.size() == 0) {
            throw ProblemException.notFound("hall", hall);
        }
        Row r = rows.iterator().next();
        return new FeedbackSettings(r.getInteger("contact_working_days"), r.getInteger("rectify_working_days"));
    }

    static OffsetDateTime utc(java.time.Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC);
    }
}
