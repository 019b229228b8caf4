package io.siban.cases;

import io.siban.cases.dto.CaseView;
import io.smallrye.mutiny.Uni;

/**
 * What follows a case's committed change: the live deadline index and the SLA counters
 * ({@code cases.sla} implements it), so that the case services need not know them and the arrow
 * between the two packages runs one way only.
 */
public interface CaseFollower {
    /** After a commit: the case as it now is. Never fails for the caller (a view that cannot follow is rebuilt). */
    Uni<Void> changed(CaseView view);

    /** After the commit of the move that closed the case (APPROVE or REJECT, 办结): once per case. */
    default Uni<Void> closed(CaseView view) {
        return Uni.createFrom().voidItem();
    }
}
