package io.siban.cases;

import io.siban.cases.dto.CaseView;
import io.siban.cases.dto.TransitionView;
import io.siban.catalog.Category;
import io.siban.common.Clocks;
import io.siban.common.problem.ProblemException;
import io.siban.common.web.PageResult;
import io.siban.queue.dto.TicketView;
import io.siban.security.Caller;
import io.siban.sla.calendar.WorkingCalendar;
import io.siban.sla.calendar.WorkingCalendars;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Cases as their readers see them: one case, its history, the filtered list, each with the SLA
 * read off its calendar now. A page of the list is two statements whatever its size: the rows carry
 * their pauses and their calendar's version, and calendars come from the engine's cache.
 */
@ApplicationScoped
public class CaseReader {
    @Inject
    CaseStore store;
    @Inject
    Clocks clocks;
    @Inject
    WorkingCalendars calendars;

    public Uni<CaseView> get(UUID id, Caller caller) {
        return store.row(id).invoke(row -> {
            if (!caller.allows(row.hall())) {
                throw ProblemException.forbidden("this token may not read cases of hall '" + row.hall() + "'");
            }
        }).chain(this::view);
    }

    public Uni<List<TransitionView>> history(UUID id, Caller caller) {
        return get(id, caller).chain(ignored -> store.history(id));
    }

    /** Lists cases; the card filter is read from the stored dues against now, so it is current without a sweep. */
    public Uni<PageResult<CaseView>> list(CaseFilter filter, int page, int size) {
        return store.page(filter, clocks.now(), page, size)
                .chain(found -> Multi.createFrom().iterable(found.rows())
                        .onItem().transformToUniAndConcatenate(this::view)
                        .collect().asList()
                        .map(views -> new PageResult<>(views, page, size, found.total())));
    }

    /** The case as read now: its SLA from the calendar it runs on, once accepted. */
    Uni<CaseView> view(CaseRow row) {
        if (row.acceptedAt() == null) {
            return Uni.createFrom().item(view(row, new CaseView.Sla(null, null, null, null, null, false, null, null, null, null,
                    row.pauses(), false, List.of())));
        }
        return calendars.get(row.calendarId(), row.calendarVersion()).map(calendar -> view(row, sla(calendar, row)));
    }

    private CaseView.Sla sla(WorkingCalendar calendar, CaseRow row) {
        CaseClock.Reading r = read(calendar, row);
        Instant accepted = row.acceptedAt().toInstant();
        List<Integer> provisional = calendar.provisionalYears(accepted, lastDue(r, accepted));
        return new CaseView.Sla(utc(r.committedDue()), utc(r.statutoryDue()), utc(r.yellowFrom()), r.card(),
                r.remainingWorkingSeconds(), r.paused(), r.pausedWorkingSeconds(), utc(r.localStageDue()),
                row.category() == Category.PROXY ? r.localStageOverrun() : null, upstream(calendar, row),
                row.pauses().stream().map(p -> procedureDue(calendar, p)).toList(), !provisional.isEmpty(), provisional);
    }

    /** The latest of the case's dues: the counted span runs from acceptance to it. */
    private static Instant lastDue(CaseClock.Reading r, Instant accepted) {
        return java.util.stream.Stream.of(r.committedDue(), r.statutoryDue(), r.localStageDue())
                .filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(accepted);
    }

    /** What the case's clock says now. */
    CaseClock.Reading read(WorkingCalendar calendar, CaseRow row) {
        return read(calendar, row, clocks.now().toInstant());
    }

    /** What the case's clock says at {@code now} (a move's own instant). */
    CaseClock.Reading read(WorkingCalendar calendar, CaseRow row, java.time.Instant now) {
        return CaseClock.read(calendar, row.terms(), row.acceptedAt().toInstant(), row.clockPauses(),
                row.forwardedAt() == null ? null : row.forwardedAt().toInstant(),
                row.closedAt() == null ? null : row.closedAt().toInstant(), now);
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

    private static CaseView view(CaseRow r, CaseView.Sla sla) {
        TicketView.ApplicantView applicant = r.nameMasked() == null && r.idMasked() == null && r.phoneMasked() == null ? null
                : new TicketView.ApplicantView(r.nameMasked(), r.idMasked(), r.phoneMasked());
        return new CaseView(r.id(), r.caseNumber(), null, r.state(), r.version(), r.itemCode(), r.itemName(),
                r.department(), r.category(), r.hall(), r.channel(), r.visits(), r.submitted(), r.missing(), r.violations(), applicant,
                r.createdAt(), r.acceptedAt(), r.closedAt(), sla);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
