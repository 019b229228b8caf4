package io.siban.cases;

import io.siban.catalog.Category;
import io.siban.sla.deadline.SlaCard;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Filters of the case list. The card of a running case is read from its stored dues against now
 * (due instants do not move while the clock runs); paused and closed cases keep the card stored at
 * their last move.
 */
public record CaseFilter(List<String> halls, String department, CaseState state, SlaCard card, Category category) {

    void appendTo(StringBuilder where, List<Object> params, OffsetDateTime now) {
        if (halls != null) {
            params.add(halls.toArray(String[]::new));
            where.append(" and c.hall_code = any($").append(params.size()).append(")");
        }
        if (department != null) {
            params.add(department);
            where.append(" and c.department = $").append(params.size());
        }
        if (state != null) {
            params.add(state.name());
            where.append(" and c.state = $").append(params.size());
        }
        if (category != null) {
            params.add(category.name());
            where.append(" and c.category = $").append(params.size());
        }
        if (card != null) {
            params.add(now);
            String n = "$" + params.size();
            params.add(card.name());
            String stored = "$" + params.size();
            where.append(" and ").append(CaseSql.shows(card, "c.", n, stored));
        }
    }
}
