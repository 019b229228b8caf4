package io.siban.accountability;

import io.siban.accountability.dto.RegisterItem;
import io.siban.common.Clocks;
import io.siban.common.problem.ProblemException;
import io.siban.common.web.PageResult;
import io.siban.security.Caller;
import io.siban.security.Roles;
import io.siban.sla.calendar.WorkingCalendar;
import io.siban.sla.calendar.WorkingCalendars;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The accountability register (超时问责): every card the cases of a caller's halls received in a period,
 * newest first, with its latest explanation, when that explanation is due (three working days on the
 * hall's calendar) and whether a RED or LEGAL_BREACH card is still unexplained past it. Supervisors read
 * their halls, admins all.
 */
@ApplicationScoped
public class Register {
    @Inject
    AccountabilityStore store;
    @Inject
    WorkingCalendars calendars;
    @Inject
    Clocks clocks;
    @Inject
    AccountabilityConfig config;

    /** What a read of the register needs: the statement's filter, and each hall's calendar for the dues. */
    record Scope(AccountabilityStore.Filter filter, Map<String, WorkingCalendar> calendarOfHall, Instant now) {
    }

    public Uni<PageResult<RegisterItem>> page(RegisterQuery q, Caller caller) {
        return scope(q, caller).chain(scope -> store.page(scope.filter(), q.size(), (long) q.page() * q.size())
                .chain(rows -> store.count(scope.filter()).map(total -> new PageResult<>(items(scope, rows), q.page(), q.size(), total))));
    }

    /** Every row of the register for the CSV export; more than the configured rows is a 400 asking for a narrower filter. */
    public Uni<List<RegisterItem>> all(RegisterQuery q, Caller caller) {
        int max = config.maxCsvRows();
        return scope(q, caller).chain(scope -> store.page(scope.filter(), max + 1, 0).map(rows -> {
            if (rows.size() > max) {
                throw ProblemException.invalid("to", "more than " + max + " cards in the period; narrow the period or the filter");
            }
            return items(scope, rows);
        }));
    }

    private List<RegisterItem> items(Scope scope, List<AccountabilityStore.CardRow> rows) {
        int days = config.explanationWorkingDays();
        return rows.stream().map(r -> {
            Instant due = ExplanationDue.of(scope.calendarOfHall().get(r.hall()), r.at(), days);
            boolean overdue = r.explanation() == null && Cards.OWE_EXPLANATION.stream().anyMatch(c -> c.name().equals(r.card()))
                    && !due.isAfter(scope.now());
            return new RegisterItem(r.caseId(), r.caseNumber(), r.hall(), r.department(), r.itemName(), r.category(), r.card(), r.stage(),
                    AccountabilityStore.utc(r.at()), AccountabilityStore.utc(r.dueAt()), r.explanation(), AccountabilityStore.utc(due),
                    overdue);
        }).toList();
    }

    /** The halls read (a hall the caller does not supervise is refused before anything is read) and their calendars. */
    private Uni<Scope> scope(RegisterQuery q, Caller caller) {
        List<String> codes;
        if (q.hall() != null) {
            if (!caller.supervises(q.hall())) {
                throw ProblemException.forbidden("this token may not read the register of hall '" + q.hall() + "'");
            }
            codes = List.of(q.hall());
        } else {
            codes = caller.has(Roles.ADMIN) || caller.halls().contains(Roles.ALL_HALLS) ? null : caller.halls();
        }
        Instant now = clocks.now().toInstant();
        return store.halls(codes).invoke(halls -> {
            if (q.hall() != null && halls.isEmpty()) {
                throw ProblemException.invalid("hall", "there is no hall '" + q.hall() + "'");
            }
        }).chain(halls -> Multi.createFrom().iterable(halls.stream().map(AccountabilityStore.HallCalendar::calendarId).distinct().toList())
                .onItem().transformToUniAndConcatenate(id -> calendars.get(id).map(calendar -> Map.entry(id, calendar)))
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(byId -> scope(q, halls, byId, now)));
    }

    private Scope scope(RegisterQuery q, List<AccountabilityStore.HallCalendar> halls, Map<String, WorkingCalendar> byId, Instant now) {
        int n = halls.size();
        String[] codes = new String[n];
        OffsetDateTime[] starts = new OffsetDateTime[n];
        OffsetDateTime[] ends = new OffsetDateTime[n];
        OffsetDateTime[] overdueBefore = new OffsetDateTime[n];
        Map<String, Instant> cutoffOfCalendar = new HashMap<>();
        Map<String, WorkingCalendar> calendarOfHall = new HashMap<>();
        for (int i = 0; i < n; i++) {
            AccountabilityStore.HallCalendar hall = halls.get(i);
            WorkingCalendar calendar = byId.get(hall.calendarId());
            codes[i] = hall.code();
            starts[i] = AccountabilityStore.utc(q.from().atStartOfDay(calendar.zone()).toInstant());
            ends[i] = AccountabilityStore.utc(q.to().plusDays(1).atStartOfDay(calendar.zone()).toInstant());
            overdueBefore[i] = AccountabilityStore.utc(cutoffOfCalendar.computeIfAbsent(hall.calendarId(),
                    id -> ExplanationDue.overdueBefore(calendar, now, config.explanationWorkingDays())));
            calendarOfHall.put(hall.code(), calendar);
        }
        Set<io.siban.sla.deadline.SlaCard> listed = q.card() == null ? Cards.RECEIVED : Set.of(q.card());
        return new Scope(new AccountabilityStore.Filter(codes, starts, ends, overdueBefore, Cards.sql(listed), q.department(),
                q.unexplained(), Cards.sql(Cards.OWE_EXPLANATION)), calendarOfHall, now);
    }
}
