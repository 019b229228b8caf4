package io.siban.cases.sla;

import io.siban.cases.CaseSql;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/** Cases as a card subject: the cards of their committed and statutory dues, announced as {@code sla.card}. */
@Singleton
public class CaseCards extends StoredCards {
    private final SlaCounters counters;

    @Inject
    public CaseCards(DeadlineIndex index, SlaCounters counters) {
        super("case", index, CaseSql.FIRE_CARDS, REBUILD);
        this.counters = counters;
    }

    @Override
    public void fired(String hall) {
        counters.touched(hall);
    }

    @Override
    public Uni<Void> settle() {
        return counters.recountTouched();
    }

    /** A page of running cases by id, each with whether its stored card is behind its dues at $2. */
    static final String REBUILD = """
            select id, yellow_from, committed_due, statutory_due, card is distinct from %s as behind
            from service_case where state in %s and committed_due is not null and id > $1
            order by id limit $3""".formatted(CaseSql.card("", "$2"), CaseSql.RUNNING);
}
