package io.siban.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siban.cases.dto.CaseRequest;
import io.siban.cases.dto.CaseView;
import io.siban.cases.dto.PublicCaseView;
import io.siban.cases.dto.TransitionRequest;
import io.siban.cases.dto.TransitionView;
import io.siban.catalog.Category;
import io.siban.common.Clocks;
import io.siban.common.web.PageResult;
import io.siban.common.PersonalData;
import io.siban.common.problem.ProblemException;
import io.siban.queue.dto.TicketView;
import io.siban.sla.Pause;
import io.siban.sla.WorkingCalendar;
import io.siban.sla.WorkingCalendars;
import io.siban.sla.DeadlineIndex;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** Cases: creation, moves through the state machine, SLA clock, history and the public lookup. */
@ApplicationScoped
public class CaseService {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** No 0/O, 1/I or U: easy to read out and type. 31^5 ≈ 28 million numbers per hall and day. */
    static final String NUMBER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTVWXYZ";
    static final int RANDOM_PART_LENGTH = 5;
    private static final int NUMBER_ATTEMPTS = 5;

    @Inject
    Pool pool;
    @Inject
    Clocks clocks;
    @Inject
    WorkingCalendars calendars;
    @Inject
    PersonalData personalData;
    @Inject
    ObjectMapper json;
    @Inject
    DeadlineIndex index;
    @Inject
    SlaCounters counters;

    /** A case and whether this request created it. */
    public record Created(CaseView view, boolean created) {
    }

    // ------------------------------------------------------------------ creation

    public Uni<Created> create(CaseRequest raw, String idempotencyKey, String actor, Set<String> roles) {
        CaseRequest request = CaseRules.create(raw, idempotencyKey);
        if (request.channel() == CaseChannel.WINDOW && !(roles.contains("clerk") || roles.contains("admin"))) {
            throw ProblemException.forbidden("only window staff take WINDOW cases");
        }
        String requestHash = hash(request.hall() + "|" + write(request));
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        return pool.withTransaction(conn -> lookup(conn, request, idempotencyKey, actor).chain(found -> {
                    UUID existing = found.getUUID("existing");
                    return existing != null ? Uni.createFrom().item(new Ref(existing, false))
                            : insert(conn, request, found, idempotencyKey, requestHash, actor, code).map(id -> new Ref(id, true));
                }))
                .onFailure(PgException.class).recoverWithUni(failure -> {
                    PgException pg = (PgException) failure;
                    if ("23505".equals(pg.getSqlState()) && String.valueOf(pg.getConstraint()).contains("idempotency")) {
                        return pool.preparedQuery("select id from service_case where hall_code = $1 and created_by = $2 and idempotency_key = $3")
                                .execute(Tuple.of(request.hall(), actor, idempotencyKey))
                                .map(rows -> new Ref(rows.iterator().next().getUUID(0), false));
                    }
                    return Uni.createFrom().failure(failure);
                })
                .chain(ref -> row(ref.id()).chain(row -> {
                    if (!requestHash.equals(row.requestHash())) {
                        return Uni.createFrom().failure(ProblemException.businessRule("idempotency-key-reused",
                                "this Idempotency-Key was used for a different request; use a new key"));
                    }
                    return view(row).map(view -> new Created(withCode(view, personalData.open(row.verificationSealed())), ref.created()));
                }))
                .call(created -> reindex(created.view()));
    }

    /**
     * After a commit: the case's next card change goes into the live index, or out of it when the
     * clock is paused or stopped. If Redis cannot take it, the index is marked for a rebuild.
     */
    Uni<Void> reindex(CaseView view) {
        counters.touched(view.hall());
        boolean running = CardSweeper.isRunning(view.state()) && view.sla() != null && view.sla().committedDue() != null;
        Uni<Void> change = running
                ? index.schedule(view.id(), DeadlineIndex.next(clocks.now().toInstant(), instant(view.sla().yellowFrom()),
                instant(view.sla().committedDue()), instant(view.sla().statutoryDue())))
                : index.remove(view.id());
        return change.onFailure().recoverWithUni(failure -> index.invalidate().onFailure().recoverWithNull());
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private record Ref(UUID id, boolean created) {
    }

    private static CaseView withCode(CaseView v, String code) {
        return new CaseView(v.id(), v.caseNumber(), code, v.state(), v.version(), v.itemCode(), v.itemName(), v.department(),
                v.category(), v.hall(), v.channel(), v.visits(), v.submittedDocuments(), v.missingDocuments(),
                v.oneTimeNoticeViolations(), v.applicant(), v.createdAt(), v.acceptedAt(), v.closedAt(), v.sla());
    }

    /** The item, hall and ticket checks, and the case this caller made in this hall under the same Idempotency-Key. */
    private Uni<Row> lookup(SqlConnection conn, CaseRequest request, String key, String actor) {
        return conn.preparedQuery("""
                        select i.code, i.name, i.department, i.category, i.committed_days, i.committed_seconds, i.statutory_days,
                               i.statutory_seconds, i.local_stage_days, i.warning_threshold_seconds, i.required_documents,
                               i.online_capable, i.tolerates_missing_documents,
                               h.code as hall, h.calendar_id, c.timezone,
                               (select id from service_case where hall_code = $2 and created_by = $5 and idempotency_key = $3) as existing,
                               (select t.status from ticket t where t.id = $4 and t.hall_code = $2) as ticket_status
                        from (select 1) one
                        left join service_item i on i.code = $1
                        left join hall h on h.code = $2
                        left join calendar c on c.id = h.calendar_id""")
                .execute(Tuple.of(request.itemCode(), request.hall(), key, request.ticketId(), actor))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    if (r.getUUID("existing") != null) {
                        return r;
                    }
                    if (r.getString("hall") == null) {
                        throw ProblemException.businessRule("unknown-hall", "hall '" + request.hall() + "' does not exist");
                    }
                    if (r.getString("code") == null) {
                        throw ProblemException.businessRule("unknown-item", "item '" + request.itemCode() + "' is not in the catalogue");
                    }
                    if (request.channel() != CaseChannel.WINDOW && !r.getBoolean("online_capable")) {
                        throw ProblemException.businessRule("not-online", "item '" + request.itemCode()
                                + "' cannot be applied for online (网上不可办); come to a window");
                    }
                    if (request.ticketId() != null) {
                        String status = r.getString("ticket_status");
                        if (status == null || !(status.equals("SERVING") || status.equals("DONE"))) {
                            throw ProblemException.businessRule("ticket-not-served", "ticket " + request.ticketId()
                                    + " is not a ticket served in hall '" + request.hall() + "'");
                        }
                    }
                    return r;
                });
    }

    private Uni<UUID> insert(SqlConnection conn, CaseRequest request, Row item, String key, String requestHash, String actor,
                             String code) {
        OffsetDateTime now = clocks.now();
        UUID id = UUID.randomUUID();
        List<String> required = List.of(item.getArrayOfStrings("required_documents"));
        List<String> submitted = request.submittedDocuments() == null ? List.of() : request.submittedDocuments();
        List<String> missing = required.stream().filter(d -> !submitted.contains(d)).toList();
        boolean tolerated = item.getBoolean("tolerates_missing_documents");
        CaseState state = request.channel() == CaseChannel.WINDOW && (missing.isEmpty() || tolerated) ? CaseState.ACCEPTED : CaseState.SUBMITTED;
        LocalDate day = now.atZoneSameInstant(java.time.ZoneId.of(item.getString("timezone"))).toLocalDate();
        var applicant = request.applicant();
        Tuple params = Tuple.tuple().addUUID(id).addString(request.hall()).addLocalDate(day)
                .addString(hash(id + ":" + code)).addString(personalData.seal(code)).addString(item.getString("code")).addString(item.getString("name"))
                .addString(item.getString("department")).addString(item.getString("category"))
                .addInteger(item.getInteger("committed_days")).addLong(item.getLong("committed_seconds"))
                .addInteger(item.getInteger("statutory_days")).addLong(item.getLong("statutory_seconds"))
                .addInteger(item.getInteger("local_stage_days")).addLong(item.getLong("warning_threshold_seconds"))
                .addString(item.getString("calendar_id")).addString(request.channel().name()).addString(state.name())
                .addString(applicant == null ? null : PersonalData.maskName(applicant.name()))
                .addString(applicant == null ? null : PersonalData.maskId(applicant.idNumber()))
                .addString(applicant == null ? null : PersonalData.maskPhone(applicant.phone()))
                .addString(applicant == null ? null : personalData.seal(write(applicant)))
                .addArrayOfString(submitted.toArray(String[]::new)).addArrayOfString(missing.toArray(String[]::new))
                .addOffsetDateTime(now).addString(actor).addOffsetDateTime(state == CaseState.ACCEPTED ? now : null)
                .addString(key).addString(requestHash);
        return insertNumbered(conn, params, 1)
                .chain(() -> history(conn, id, now, actor, "SUBMIT", null, CaseState.SUBMITTED, null,
                        missing.isEmpty() ? null : new JsonObject().put("missingDocuments", missing)))
                .chain(() -> state == CaseState.ACCEPTED
                        ? history(conn, id, now, actor, "ACCEPT", CaseState.SUBMITTED, CaseState.ACCEPTED,
                        missing.isEmpty() ? null : "accepted with documents to follow (容缺受理)", null)
                        : Uni.createFrom().voidItem())
                .chain(() -> request.ticketId() == null ? Uni.createFrom().voidItem()
                        : conn.preparedQuery("insert into case_visit (case_id, ticket_id, at) values ($1, $2, $3)")
                        .execute(Tuple.of(id, request.ticketId(), now)).replaceWithVoid())
                .chain(() -> state == CaseState.ACCEPTED ? retime(conn, id) : Uni.createFrom().voidItem())
                .replaceWith(id);
    }

    /**
     * Inserts under the hall's code, the local day and a random part (e.g. LZCITY20261130-7KQ4M):
     * readable, but no sequence to count through. The rare clash of a random part is taken again.
     */
    private Uni<Void> insertNumbered(SqlConnection conn, Tuple params, int attempt) {
        return conn.preparedQuery("""
                        insert into service_case (id, case_number, verification_hash, verification_sealed, item_code, item_name, department, category,
                            committed_days, committed_seconds, statutory_days, statutory_seconds, local_stage_days,
                            warning_threshold_seconds, hall_code, calendar_id, channel, state, applicant_name_masked,
                            applicant_id_masked, applicant_phone_masked, applicant_sealed, submitted_documents, missing_documents,
                            notified_documents, created_at, created_by, accepted_at, idempotency_key, request_hash)
                        values ($1, upper(replace($2, '-', '')) || to_char($3::date, 'YYYYMMDD') || '-' || $30,
                            $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $2, $16, $17, $18, $19, $20, $21, $22,
                            $23, $24, $24, $25, $26, $27, $28, $29)
                        on conflict (case_number) do nothing""")
                .execute(with(params, randomPart()))
                .chain(rows -> {
                    if (rows.rowCount() == 1) {
                        return Uni.createFrom().voidItem();
                    }
                    if (attempt >= NUMBER_ATTEMPTS) {
                        return Uni.createFrom().failure(new IllegalStateException("no free case number after " + attempt + " tries"));
                    }
                    return insertNumbered(conn, params, attempt + 1);
                });
    }

    static String randomPart() {
        char[] part = new char[RANDOM_PART_LENGTH];
        for (int i = 0; i < part.length; i++) {
            part[i] = NUMBER_ALPHABET.charAt(RANDOM.nextInt(NUMBER_ALPHABET.length()));
        }
        return new String(part);
    }

    private static Tuple with(Tuple base, Object extra) {
        List<Object> values = new ArrayList<>(base.size() + 1);
        for (int i = 0; i < base.size(); i++) {
            values.add(base.getValue(i));
        }
        values.add(extra);
        return Tuple.from(values);
    }

    // ------------------------------------------------------------------ moves

    public Uni<CaseView> transition(UUID id, TransitionRequest raw, String ifMatch, String actor, Set<String> roles,
                                    Function<String, Boolean> hallAllowed) {
        TransitionRequest request = CaseRules.transition(raw);
        int expected = CaseRules.version(ifMatch);
        return pool.withTransaction(conn -> conn.preparedQuery("select " + CaseRow.COLUMNS + " from service_case c where c.id = $1 for update")
                        .execute(Tuple.of(id))
                        .chain(rows -> {
                            if (rows.size() == 0) {
                                return Uni.createFrom().failure(ProblemException.notFound("case", id.toString()));
                            }
                            CaseRow current = CaseRow.of(rows.iterator().next());
                            if (!hallAllowed.apply(current.hall())) {
                                return Uni.createFrom().failure(ProblemException.forbidden("this token may not act on hall '" + current.hall() + "'"));
                            }
                            if (!roles.contains("admin") && CaseStateMachine.roles(request.action()).stream().noneMatch(roles::contains)) {
                                return Uni.createFrom().failure(ProblemException.forbidden(request.action() + " is for "
                                        + CaseStateMachine.roles(request.action())));
                            }
                            if (current.version() != expected) {
                                return Uni.createFrom().failure(ProblemException.conflict("stale version " + expected
                                        + "; the case is at version " + current.version() + " — reload and retry"));
                            }
                            return pausedForSupplement(conn, id).chain(supplement -> apply(conn, current, request, supplement, actor));
                        }))
                .chain(this::row).chain(this::view)
                .call(this::reindex);
    }

    private Uni<Boolean> pausedForSupplement(SqlConnection conn, UUID id) {
        return conn.preparedQuery("select kind from case_pause where case_id = $1 and ended_at is null").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : "SUPPLEMENT".equals(rows.iterator().next().getString(0)));
    }

    private Uni<UUID> apply(SqlConnection conn, CaseRow current, TransitionRequest request, Boolean supplement, String actor) {
        CaseStateMachine.Move move;
        try {
            move = CaseStateMachine.move(current.category(), current.state(), request.action(), current.suspendedFrom(), supplement);
        } catch (CaseStateMachine.IllegalMove e) {
            return Uni.createFrom().failure(ProblemException.conflict(e.getMessage()));
        }
        OffsetDateTime now = clocks.now();
        JsonObject detail = new JsonObject();
        List<String> notified = new ArrayList<>(current.notified());
        List<String> missing = current.missing();
        int violations = current.violations();
        if (request.action() == CaseAction.REQUEST_SUPPLEMENT) {
            List<String> asked = request.missingDocuments();
            List<String> newlyNamed = asked.stream().filter(d -> !notified.contains(d)).toList();
            if (!notified.isEmpty() && !newlyNamed.isEmpty()) {
                violations++;
                detail.put("oneTimeNoticeViolation", newlyNamed);
            }
            Set<String> union = new LinkedHashSet<>(notified);
            union.addAll(asked);
            notified.clear();
            notified.addAll(union);
            missing = asked;
            detail.put("missingDocuments", asked);
        }
        if (request.action() == CaseAction.SUPPLEMENT_RECEIVED) {
            missing = List.of();
        }
        if (request.procedure() != null) {
            detail.put("procedure", request.procedure().name());
        }
        CaseState suspendedFrom = move.to() == CaseState.SUSPENDED ? current.state() : null;
        Uni<Void> pauses = switch (move.clock()) {
            case PAUSE -> conn.preparedQuery("insert into case_pause (case_id, kind, procedure, reason, started_at, limit_days, limit_seconds) "
                            + "values ($1, $2, $3, $4, $5, $6, $7)")
                    .execute(Tuple.tuple().addUUID(current.id())
                            .addString(request.action() == CaseAction.REQUEST_SUPPLEMENT ? "SUPPLEMENT" : "PROCEDURE")
                            .addString(request.procedure() == null ? null : request.procedure().name()).addString(request.reason())
                            .addOffsetDateTime(now)
                            .addInteger(request.procedureLimit() != null && request.procedureLimit().isDays() ? request.procedureLimit().workingDays() : null)
                            .addLong(request.procedureLimit() != null && !request.procedureLimit().isDays() ? request.procedureLimit().duration().getSeconds() : null))
                    .replaceWithVoid();
            case RESUME -> conn.preparedQuery("update case_pause set ended_at = $2 where case_id = $1 and ended_at is null")
                    .execute(Tuple.of(current.id(), now)).replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
        String timestamps = switch (move.clock()) {
            case START -> "accepted_at = $8,";
            case STOP -> "closed_at = $8,";
            case LOCAL_STAGE_END -> "forwarded_at = coalesce(forwarded_at, $8),";
            case UPSTREAM_STAGE_END -> "returned_at = $8,";
            default -> move.to() == CaseState.DELIVERED ? "delivered_at = $8," : "";
        };
        Tuple params = Tuple.tuple().addUUID(current.id()).addString(move.to().name())
                .addString(suspendedFrom == null ? null : suspendedFrom.name())
                .addArrayOfString(missing.toArray(String[]::new)).addArrayOfString(notified.toArray(String[]::new))
                .addInteger(violations).addInteger(current.version()).addOffsetDateTime(now);
        final List<String> missingAfter = missing;
        return pauses
                .chain(() -> conn.preparedQuery("update service_case set state = $2, suspended_from = $3, missing_documents = $4, "
                                + "notified_documents = $5, one_time_notice_violations = $6, " + timestamps
                                + " version = version + 1 where id = $1 and version = $7 and $8::timestamptz is not null")
                        .execute(params))
                .chain(() -> history(conn, current.id(), now, actor, request.action().name(), current.state(), move.to(),
                        request.reason(), detail.isEmpty() ? null : detail))
                .chain(() -> CaseState.OPEN.contains(move.to()) || move.clock() == CaseStateMachine.ClockEffect.STOP
                        ? retime(conn, current.id()) : Uni.createFrom().voidItem())
                .replaceWith(current.id());
    }

    /** Stores the clock's dues and card, so lists can filter by card without the engine. */
    private Uni<Void> retime(SqlConnection conn, UUID id) {
        return conn.preparedQuery("select " + CaseRow.COLUMNS + " from service_case c where c.id = $1").execute(Tuple.of(id))
                .chain(rows -> {
                    CaseRow row = CaseRow.of(rows.iterator().next());
                    return pauses(conn, id).chain(pauses -> calendars.get(conn, row.calendarId()).chain(calendar -> {
                        CaseClock.Reading reading = read(calendar, row, pauses);
                        return conn.preparedQuery("update service_case set committed_due = $2, statutory_due = $3, yellow_from = $4, "
                                        + "card = $5 where id = $1")
                                .execute(Tuple.of(id, utc(reading.committedDue()), utc(reading.statutoryDue()), utc(reading.yellowFrom()),
                                        reading.card().name()))
                                .replaceWithVoid();
                    }));
                });
    }

    /** Re-times every open case on the calendar after it changed, and reschedules their cards. */
    public Uni<Integer> retimeOpenCases(String calendarId) {
        return pool.preparedQuery("select id from service_case where calendar_id = $1 and accepted_at is not null and state in "
                        + "('ACCEPTED', 'IN_REVIEW', 'SUSPENDED', 'FORWARDED', 'RETURNED')")
                .execute(Tuple.of(calendarId))
                .chain(rows -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Row r : rows) {
                        UUID id = r.getUUID(0);
                        chain = chain.chain(count -> pool.withTransaction(conn -> retime(conn, id))
                                .chain(() -> row(id)).chain(this::view).call(this::reindex).replaceWith(count + 1));
                    }
                    return chain;
                });
    }

    // ------------------------------------------------------------------ reading

    public Uni<CaseView> get(UUID id, Function<String, Boolean> hallAllowed) {
        return row(id).invoke(row -> {
            if (!hallAllowed.apply(row.hall())) {
                throw ProblemException.forbidden("this token may not read cases of hall '" + row.hall() + "'");
            }
        }).chain(this::view);
    }

    public Uni<List<TransitionView>> history(UUID id, Function<String, Boolean> hallAllowed) {
        return get(id, hallAllowed).chain(ignored -> pool.preparedQuery(
                        "select at, actor, action, from_state, to_state, reason, detail from case_transition where case_id = $1 order by id")
                .execute(Tuple.of(id))
                .map(rows -> {
                    List<TransitionView> history = new ArrayList<>();
                    for (Row r : rows) {
                        history.add(new TransitionView(r.getOffsetDateTime("at"), r.getString("actor"), r.getString("action"),
                                r.getString("from_state"), r.getString("to_state"), r.getString("reason"),
                                TransitionView.detailOf(r.getValue("detail"))));
                    }
                    return history;
                }));
    }

    /** Lists cases; the card filter is read from the stored dues against now, so it is current without a sweep. */
    public Uni<PageResult<CaseView>> list(CaseFilter filter, int page, int size) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("true");
        filter.appendTo(where, params, clocks.now());
        String base = " from service_case c where " + where;
        Tuple tuple = Tuple.from(params);
        return pool.preparedQuery("select count(*)" + base).execute(tuple)
                .chain(count -> pool.preparedQuery("select " + CaseRow.COLUMNS + base + " order by c.created_at desc, c.id limit "
                                + size + " offset " + (long) page * size)
                        .execute(tuple)
                        .chain(rows -> {
                            Uni<List<CaseView>> views = Uni.createFrom().item(new ArrayList<>());
                            for (Row r : rows) {
                                CaseRow row = CaseRow.of(r);
                                views = views.chain(list -> view(row).map(v -> {
                                    list.add(v);
                                    return list;
                                }));
                            }
                            return views.map(list -> new PageResult<>(list, page, size, count.iterator().next().getLong(0)));
                        }));
    }

    /** The public progress lookup: same 404 for an unknown number and a wrong code. */
    public Uni<PublicCaseView> lookup(String caseNumber, String code) {
        String number = normalizeNumber(caseNumber);
        if (!number.matches("[A-Z0-9-]{1,64}") || code == null || !code.matches("[0-9]{6}")) {
            // no case has such a number or code: answered without asking the database
            return Uni.createFrom().failure(ProblemException.notFound("case", caseNumber));
        }
        return pool.preparedQuery("select id, case_number, verification_hash, item_name, state, applicant_name_masked from service_case "
                        + "where case_number = $1")
                .execute(Tuple.of(number))
                .chain(rows -> {
                    Row r = rows.size() == 0 ? null : rows.iterator().next();
                    if (r == null || code == null || !MessageDigest.isEqual(hash(r.getUUID("id") + ":" + code).getBytes(StandardCharsets.UTF_8),
                            r.getString("verification_hash").getBytes(StandardCharsets.UTF_8))) {
                        return Uni.createFrom().failure(ProblemException.notFound("case", caseNumber));
                    }
                    return pool.preparedQuery("select to_state, at from case_transition where case_id = $1 order by id")
                            .execute(Tuple.of(r.getUUID("id")))
                            .map(steps -> {
                                List<PublicCaseView.Step> list = new ArrayList<>();
                                for (Row s : steps) {
                                    list.add(new PublicCaseView.Step(CaseState.valueOf(s.getString(0)), s.getOffsetDateTime(1)));
                                }
                                return new PublicCaseView(r.getString("case_number"), r.getString("item_name"), CaseState.valueOf(r.getString("state")),
                                        r.getString("applicant_name_masked"), list);
                            });
                });
    }

    /** Case numbers as citizens type them: any case, spaces around. */
    static String normalizeNumber(String caseNumber) {
        return caseNumber == null ? "" : caseNumber.trim().toUpperCase(java.util.Locale.ROOT);
    }

    private Uni<CaseRow> row(UUID id) {
        return pool.preparedQuery("select " + CaseRow.COLUMNS + " from service_case c where c.id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("case", id.toString());
                    }
                    return CaseRow.of(rows.iterator().next());
                });
    }

    private Uni<List<Pause>> pauses(SqlConnection conn, UUID id) {
        return pauseRows(conn.preparedQuery("select kind, procedure, reason, started_at, ended_at from case_pause where case_id = $1 order by id")
                .execute(Tuple.of(id))).map(rows -> rows.stream().map(p -> new Pause(p.from().toInstant(),
                p.to() == null ? null : p.to().toInstant())).toList());
    }

    private static Uni<List<CaseView.PauseView>> pauseRows(Uni<RowSet<Row>> query) {
        return query.map(rows -> {
            List<CaseView.PauseView> list = new ArrayList<>();
            for (Row r : rows) {
                Integer days = r.getColumnIndex("limit_days") >= 0 ? r.getInteger("limit_days") : null;
                Long seconds = r.getColumnIndex("limit_seconds") >= 0 ? r.getLong("limit_seconds") : null;
                io.siban.catalog.Limit limit = days != null ? io.siban.catalog.Limit.days(days)
                        : seconds != null ? io.siban.catalog.Limit.of(java.time.Duration.ofSeconds(seconds)) : null;
                list.add(new CaseView.PauseView(r.getString("kind"), r.getString("procedure"), r.getString("reason"),
                        r.getOffsetDateTime("started_at"), r.getOffsetDateTime("ended_at"), limit, null, null));
            }
            return list;
        });
    }

    private Uni<CaseView> view(CaseRow row) {
        Uni<List<CaseView.PauseView>> pauseViews = pauseRows(pool.preparedQuery(
                "select kind, procedure, reason, started_at, ended_at, limit_days, limit_seconds from case_pause where case_id = $1 order by id")
                .execute(Tuple.of(row.id())));
        return pauseViews.chain(pauses -> {
            if (row.acceptedAt() == null) {
                return Uni.createFrom().item(view(row, new CaseView.Sla(null, null, null, null, null, false, null, null, null, null, pauses)));
            }
            List<Pause> clockPauses = pauses.stream().map(p -> new Pause(p.from().toInstant(), p.to() == null ? null : p.to().toInstant())).toList();
            return calendars.get(row.calendarId()).map(calendar -> {
                CaseClock.Reading r = read(calendar, row, clockPauses);
                return view(row, new CaseView.Sla(utc(r.committedDue()), utc(r.statutoryDue()), utc(r.yellowFrom()), r.card(),
                        r.remainingWorkingSeconds(), r.paused(), r.pausedWorkingSeconds(), utc(r.localStageDue()),
                        row.category() == Category.PROXY ? r.localStageOverrun() : null, upstream(calendar, row),
                        pauses.stream().map(p -> procedureDue(calendar, p)).toList()));
            });
        });
    }

    /** Working time of the upstream stage of a forwarded PROXY case. */
    private Long upstream(WorkingCalendar calendar, CaseRow row) {
        if (row.forwardedAt() == null) {
            return null;
        }
        OffsetDateTime end = row.returnedAt() != null ? row.returnedAt() : row.closedAt() != null ? row.closedAt() : clocks.now();
        return calendar.workingTimeBetween(row.forwardedAt().toInstant(), end.toInstant()).getSeconds();
    }

    /** A procedure with its own limit: when the limit runs out, and whether the procedure ran past it. */
    private CaseView.PauseView procedureDue(WorkingCalendar calendar, CaseView.PauseView p) {
        if (p.limit() == null) {
            return p;
        }
        Instant start = p.from().toInstant();
        Instant due = p.limit().isDays() ? calendar.endOfNthWorkingDay(start, p.limit().workingDays())
                : calendar.addWorkingTime(start, p.limit().duration());
        Instant end = p.to() != null ? p.to().toInstant() : clocks.now().toInstant();
        return new CaseView.PauseView(p.kind(), p.procedure(), p.reason(), p.from(), p.to(), p.limit(), utc(due), end.isAfter(due));
    }

    private CaseClock.Reading read(WorkingCalendar calendar, CaseRow row, List<Pause> pauses) {
        return CaseClock.read(calendar, row.terms(), row.acceptedAt().toInstant(), pauses,
                row.forwardedAt() == null ? null : row.forwardedAt().toInstant(),
                row.closedAt() == null ? null : row.closedAt().toInstant(), clocks.now().toInstant());
    }

    private CaseView view(CaseRow r, CaseView.Sla sla) {
        TicketView.ApplicantView applicant = r.nameMasked() == null && r.idMasked() == null && r.phoneMasked() == null ? null
                : new TicketView.ApplicantView(r.nameMasked(), r.idMasked(), r.phoneMasked());
        return new CaseView(r.id(), r.caseNumber(), null, r.state(), r.version(), r.itemCode(), r.itemName(),
                r.department(), r.category(), r.hall(), r.channel(), r.visits(), r.submitted(), r.missing(), r.violations(), applicant,
                r.createdAt(), r.acceptedAt(), r.closedAt(), sla);
    }

    private static Uni<Void> history(SqlConnection conn, UUID id, OffsetDateTime at, String actor, String action, CaseState from,
                                     CaseState to, String reason, JsonObject detail) {
        return conn.preparedQuery("insert into case_transition (case_id, at, actor, action, from_state, to_state, reason, detail) "
                        + "values ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.tuple().addUUID(id).addOffsetDateTime(at).addString(actor).addString(action)
                        .addString(from == null ? null : from.name()).addString(to.name()).addString(reason).addValue(detail))
                .replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
