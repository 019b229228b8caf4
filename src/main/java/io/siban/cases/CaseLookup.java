package io.siban.cases;

import io.siban.cases.dto.PublicCaseView;
import io.siban.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/** The public progress lookup (进度可查): a case number and its code give state and steps, nothing more. */
@ApplicationScoped
public class CaseLookup {
    @Inject
    CaseStore store;

    /** The same 404 for an unknown number and a wrong code. */
    public Uni<PublicCaseView> lookup(String caseNumber, String code) {
        return verifiedRow(caseNumber, code).chain(this::steps);
    }

    /** The case a number and its code name (for the citizen's rating); the same 404 as the lookup. */
    public Uni<java.util.UUID> verified(String caseNumber, String code) {
        return verifiedRow(caseNumber, code).map(r -> r.getUUID("id"));
    }

    private Uni<Row> verifiedRow(String caseNumber, String code) {
        String number = CaseNumbers.normalize(caseNumber);
        if (!number.matches("[A-Z0-9-]{1,64}") || code == null || !code.matches("[0-9]{6}")) {
            // no case has such a number or code: answered without asking the database
            return Uni.createFrom().failure(ProblemException.notFound("case", caseNumber));
        }
        return store.run(CaseStore.PUBLIC_CASE, Tuple.of(number))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next())
                .chain(r -> r == null || !CaseNumbers.codeMatches(r.getUUID("id"), code, r.getString("verification_hash"))
                        ? Uni.createFrom().failure(ProblemException.notFound("case", caseNumber))
                        : Uni.createFrom().item(r));
    }

    private Uni<PublicCaseView> steps(Row r) {
        return store.run(CaseStore.PUBLIC_STEPS, Tuple.of(r.getUUID("id"))).map(steps -> {
            List<PublicCaseView.Step> list = new ArrayList<>();
            for (Row s : steps) {
                list.add(new PublicCaseView.Step(CaseState.valueOf(s.getString(0)), s.getOffsetDateTime(1)));
            }
            return new PublicCaseView(r.getString("case_number"), r.getString("item_name"), CaseState.valueOf(r.getString("state")),
                    r.getString("applicant_name_masked"), list, r.getBoolean("rated"));
        });
    }
}
