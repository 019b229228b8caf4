package io.siban.queue;

import io.siban.common.problem.ProblemException;
import io.siban.queue.dto.TicketView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.UUID;

/** What a ticket's holder and the staff see of it: the stored ticket, and for a waiting one its place in line and estimated wait. */
@ApplicationScoped
public class TicketViews {
    @Inject
    TicketStore store;
    @Inject
    ServiceTimes serviceTimes;
    @Inject
    ExpectedArrivals arrivals;
    @Inject
    LineOrder lineOrder;
    @Inject
    io.siban.common.Clocks clocks;

    public Uni<TicketView> get(UUID id) {
        return store.find(id).chain(row -> row == null
                ? Uni.createFrom().failure(ProblemException.notFound("ticket", id.toString()))
                : withWait(view(row, null, null)));
    }

    /** The view of a ticket just changed, with its place in line when it waits. */
    Uni<TicketView> ofChanged(TicketRow row) {
        return withWait(view(row, null, null));
    }

    /** Adds position and estimated wait to a waiting ticket. */
    Uni<TicketView> withWait(TicketView view) {
        if (view.status() != TicketStatus.WAITING) {
            return Uni.createFrom().item(view);
        }
        return store.position(view.id()).chain(rows -> {
            Row r = rows.iterator().next();
            return placed(view, r.getLong("ahead"), r.getLong("open_windows").intValue());
        });
    }

    /** The view with {@code ahead} tickets before it in line and {@code open} windows serving its queue. */
    private Uni<TicketView> placed(TicketView view, long ahead, int open) {
        return serviceTimes.mean(view.hall(), view.queue()).chain(mean -> withBookings(view, ahead, open, mean));
    }

    /**
     * A walk-in's place, with an estimate that also counts the booked appointments expected to check in
     * ahead of it ({@link BookedAhead}); its position stays its place in line now.
     */
    Uni<TicketView> withBookings(TicketView view, long ahead, int open, Duration mean) {
        if (view.priority() != Priority.NORMAL || open <= 0 || view.issuedAt() == null) {
            return Uni.createFrom().item(placed(view, ahead, open, mean));
        }
        Duration headStart = lineOrder.headStart(Priority.APPOINTMENT);
        java.time.Instant now = clocks.now().toInstant();
        return arrivals.expected(view.hall(), view.queue(), now, headStart).map(starts -> {
            long booked = starts.isEmpty() ? 0 : BookedAhead.count(starts, view.issuedAt().toInstant(), now, headStart,
                    more -> WaitEstimator.estimate(ahead + more, open, mean).p50());
            return withPosition(view, (int) ahead + 1, ServiceTimes.waitFor(ahead + booked, open, mean));
        });
    }

    /** The view in its place in line, given the queue's mean service time. */
    static TicketView placed(TicketView view, long ahead, int open, Duration mean) {
        return withPosition(view, (int) ahead + 1, ServiceTimes.waitFor(ahead, open, mean));
    }

    private static TicketView withPosition(TicketView v, int position, TicketView.EstimatedWait wait) {
        return new TicketView(v.id(), v.number(), v.hall(), v.queue(), v.status(), v.priority(), v.channel(), v.itemCode(),
                position, wait, v.issuedAt(), v.window(), v.targetWindow(), v.calledAt(), v.reason(), v.reasonDetail(),
                v.recalls(), v.startedAt(), v.finishedAt(), v.outcome(), v.caseId(), v.missingDocuments(), v.rating(), v.applicant(),
                v.accessKey(), v.trackUrl());
    }

    static TicketView view(TicketRow t, String reason, String detail) {
        TicketView.ApplicantView applicant = t.nameMasked() == null && t.idMasked() == null && t.phoneMasked() == null ? null
                : new TicketView.ApplicantView(t.nameMasked(), t.idMasked(), t.phoneMasked());
        return new TicketView(t.id(), t.number(), t.hall(), t.queue(), t.status(), t.priority(), t.channel(), t.itemCode(),
                null, null, t.issuedAt(), t.window(), t.targetWindow(), t.calledAt(),
                reason != null ? reason : t.callReason(), detail != null ? detail : t.callDetail(),
                t.recalls(), t.startedAt(), t.finishedAt(), t.outcome(), t.caseId(), t.missingDocuments(), t.rating(), applicant,
                null, null);
    }
}
