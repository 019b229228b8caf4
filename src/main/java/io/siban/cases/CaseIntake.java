package io.siban.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siban.cases.dto.CaseRequest;
import io.siban.cases.dto.CaseView;
import io.siban.common.Clocks;
import io.siban.common.PersonalData;
import io.siban.common.problem.ProblemException;
import io.siban.security.Caller;
import io.siban.security.Roles;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * Intake of a case: at a window with complete documents (or a tolerated shortfall) it is accepted and
 * its clock starts; otherwise it waits for pre-review. One case per caller, hall and Idempotency-Key.
 */
@ApplicationScoped
public class CaseIntake {
    @Inject
    ObjectMapper json;
    @Inject
    PersonalData personalData;
    @Inject
    Clocks clocks;
    @Inject
    Pool pool;
    @Inject
    CaseStore store;
    @Inject
    CaseTimer timer;
    @Inject
    CaseReader reader;
    @Inject
    CaseFollower follower;

    /** A case and whether this request created it. */
    public record Created(CaseView view, boolean created) {
    }

    private record Ref(UUID id, boolean created) {
    }

    public Uni<Created> create(CaseRequest raw, String idempotencyKey, Caller caller) {
        CaseRequest request = CaseRules.create(raw, idempotencyKey);
        if (request.channel() == CaseChannel.WINDOW && !(caller.has(Roles.CLERK) || caller.has(Roles.ADMIN))) {
            throw ProblemException.forbidden("only window staff take WINDOW cases");
        }
        String requestHash = CaseNumbers.hash(request.hall() + "|" + write(request));
        String code = CaseNumbers.verificationCode();
        String actor = caller.actor();
        return pool.withTransaction(conn -> store.run(conn, CaseStore.INTAKE,
                                Tuple.of(request.itemCode(), request.hall(), idempotencyKey, request.ticketId(), actor))
                        .map(rows -> checked(rows.iterator().next(), request))
                        .chain(found -> found.getUUID("existing") != null ? Uni.createFrom().item(new Ref(found.getUUID("existing"), false))
                                : insert(conn, request, found, idempotencyKey, requestHash, actor, code).map(id -> new Ref(id, true))))
                .onFailure(CaseIntake::keyTakenMeanwhile).recoverWithUni(() -> store.run(CaseStore.KEYED,
                                Tuple.of(request.hall(), actor, idempotencyKey))
                        .map(rows -> new Ref(rows.iterator().next().getUUID(0), false)))
                .chain(ref -> store.row(ref.id()).chain(row -> answer(row, ref, requestHash)))
                .call(created -> follower.changed(created.view()));
    }

    /** A concurrent request under the same key committed first. */
    private static boolean keyTakenMeanwhile(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState())
                && String.valueOf(pg.getConstraint()).contains("idempotency");
    }

    /** The case made under the key, with its code; a key reused for another request is refused. */
    private Uni<Created> answer(CaseRow row, Ref ref, String requestHash) {
        if (!requestHash.equals(row.requestHash())) {
            return Uni.createFrom().failure(ProblemException.businessRule("idempotency-key-reused",
                    "this Idempotency-Key was used for a different request; use a new key"));
        }
        return reader.view(row).map(view -> new Created(withCode(view, personalData.open(row.verificationSealed())), ref.created()));
    }

    /** The item, hall and ticket checks, unless this caller made the case before under the same key. */
    private static Row checked(Row r, CaseRequest request) {
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
        LocalDate day = now.atZoneSameInstant(ZoneId.of(item.getString("timezone"))).toLocalDate();
        var applicant = request.applicant();
        Tuple params = Tuple.tuple().addUUID(id).addString(request.hall()).addLocalDate(day)
                .addString(CaseNumbers.codeHash(id, code)).addString(personalData.seal(code)).addString(item.getString("code"))
                .addString(item.getString("name")).addString(item.getString("department")).addString(item.getString("category"))
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
        JsonObject shortfall = missing.isEmpty() ? null : new JsonObject().put("missingDocuments", missing);
        return store.insertNumbered(conn, params, 1)
                .chain(() -> store.recordTransition(conn, id, now, actor, "SUBMIT", null, CaseState.SUBMITTED, null, shortfall))
                .chain(() -> state == CaseState.ACCEPTED
                        ? store.recordTransition(conn, id, now, actor, "ACCEPT", CaseState.SUBMITTED, CaseState.ACCEPTED,
                        missing.isEmpty() ? null : "accepted with documents to follow (容缺受理)", null)
                        : Uni.createFrom().voidItem())
                .chain(() -> request.ticketId() == null ? Uni.createFrom().voidItem()
                        : store.run(conn, CaseStore.INSERT_VISIT, Tuple.of(id, request.ticketId(), now)).replaceWithVoid())
                .chain(() -> state == CaseState.ACCEPTED ? timer.retime(conn, id) : Uni.createFrom().voidItem())
                .replaceWith(id);
    }

    private static CaseView withCode(CaseView v, String code) {
        return new CaseView(v.id(), v.caseNumber(), code, v.state(), v.version(), v.itemCode(), v.itemName(), v.department(),
                v.category(), v.hall(), v.channel(), v.visits(), v.submittedDocuments(), v.missingDocuments(),
                v.oneTimeNoticeViolations(), v.applicant(), v.createdAt(), v.acceptedAt(), v.closedAt(), v.sla());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
