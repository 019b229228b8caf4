package io.siban.accountability;

import io.siban.accountability.dto.ExplanationRequest;
import io.siban.accountability.dto.ExplanationView;
import io.siban.common.Clocks;
import io.siban.common.problem.ProblemException;
import io.siban.outbox.Outbox;
import io.siban.outbox.OutboxPublisher;
import io.siban.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The department's explanations of the cards a case received (超时问责): each one kept (append-only), the
 * latest of a card being the one the register shows, with its {@code case.explained} event for the staff
 * stream in the same transaction.
 */
@ApplicationScoped
public class Explanations {
    static final String EVENT = "case.explained";

    @Inject
    AccountabilityStore store;
    @Inject
    Pool pool;
    @Inject
    Clocks clocks;
    @Inject
    OutboxPublisher publisher;

    /** Records an explanation of a card the case has received; the caller works in the case's hall. */
    public Uni<ExplanationView> explain(UUID caseId, ExplanationRequest raw, Caller caller) {
        ExplanationRules.Checked explanation = ExplanationRules.check(raw);
        OffsetDateTime now = clocks.now();
        return pool.withTransaction(conn -> store.caseCards(conn, caseId)
                        .invoke(found -> allowed(found, caseId, caller))
                        .invoke(found -> received(found, explanation))
                        .invoke(found -> supersedable(found, explanation, caller))
                        .chain(found -> store.insert(conn, found, explanation, now, caller.actor())
                                .call(view -> Outbox.append(conn, found.hall(), EVENT, new JsonObject().put("caseId", found.id().toString())
                                        .put("caseNumber", found.caseNumber()).put("card", view.card()).put("stage", view.stage())
                                        .put("at", now.toInstant().toString())))))
                .invoke(publisher::wake);
    }

    /** Every explanation of the case, oldest first: the latest of each card is the one in force. */
    public Uni<List<ExplanationView>> history(UUID caseId, Caller caller) {
        return store.caseCards(pool, caseId).invoke(found -> allowed(found, caseId, caller)).chain(() -> store.history(caseId));
    }

    private static void allowed(AccountabilityStore.CaseCards found, UUID caseId, Caller caller) {
        if (found == null) {
            throw ProblemException.notFound("case", caseId.toString());
        }
        if (!caller.allows(found.hall())) {
            throw ProblemException.forbidden("this token may not act on cases of hall '" + found.hall() + "'");
        }
    }

    /** The department's explanation in force is replaced by a supervisor or an admin only, never by anyone of the hall. */
    private static void supersedable(AccountabilityStore.CaseCards found, ExplanationRules.Checked explanation, Caller caller) {
        if (found.explained().contains(explanation.received()) && !caller.isOverseer()) {
            throw ProblemException.forbidden("the " + explanation.received() + " card of case " + found.caseNumber()
                    + " is explained already; a supervisor may replace the explanation");
        }
    }

    private static void received(AccountabilityStore.CaseCards found, ExplanationRules.Checked explanation) {
        // a GREEN change (a re-timed case back on track) is no card received
        List<String> received = found.cards().stream().filter(card -> Cards.named(card.split(":")[0]) != null).toList();
        if (!received.contains(explanation.received())) {
            throw ProblemException.businessRule("card-not-received", "card: case " + found.caseNumber() + " has received no "
                    + explanation.received() + " card" + (received.isEmpty() ? " (no card at all)"
                    : "; it has received " + String.join(", ", received))).with("field", "card");
        }
    }
}
