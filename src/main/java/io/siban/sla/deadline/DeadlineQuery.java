package io.siban.sla.deadline;

import io.siban.common.problem.Problem.Violation;
import io.siban.common.problem.ProblemException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A validated deadline request: start, rule, limit and closed pauses. */
public record DeadlineQuery(Instant start, DeadlineRule rule, DeadlineLimit limit, List<Pause> pauses) {
    static final int MAX_PAUSES = 500;
    static final int MAX_WORKING_DAYS = 3650;
    static final Duration MAX_WORKING_TIME = Duration.ofDays(3650);

    public static DeadlineQuery of(DeadlinePreview.Request request) {
        if (request == null) {
            throw ProblemException.invalid("body", "a deadline request is required");
        }
        List<Violation> v = new ArrayList<>();
        if (request.start() == null) {
            v.add(new Violation("start", "is required"));
        }
        if (request.rule() == null) {
            v.add(new Violation("rule", "is required"));
        }
        DeadlineLimit limit = null;
        if (request.rule() == DeadlineRule.WORKING_TIME) {
            if (request.workingDays() != null) {
                v.add(new Violation("workingDays", "WORKING_TIME takes a duration, not working days"));
            }
            Duration d = request.duration();
            if (d == null || d.getSeconds() < 1 || d.compareTo(MAX_WORKING_TIME) > 0) {
                v.add(new Violation("duration", "give a working-time duration of at least 1 second, e.g. PT30M"));
            } else {
                limit = DeadlineLimit.workingTime(d);
            }
        } else if (request.rule() != null) {
            if (request.duration() != null) {
                v.add(new Violation("duration", request.rule() + " takes workingDays, not a duration"));
            }
            Integer n = request.workingDays();
            if (n == null || n < 1 || n > MAX_WORKING_DAYS) {
                v.add(new Violation("workingDays", "give a whole number of working days from 1 to " + MAX_WORKING_DAYS));
            } else {
                limit = DeadlineLimit.workingDays(n);
            }
        }
        List<Pause> pauses = new ArrayList<>();
        List<DeadlinePreview.PauseInterval> given = request.pauses() == null ? List.of() : request.pauses();
        if (given.size() > MAX_PAUSES) {
            v.add(new Violation("pauses", "at most " + MAX_PAUSES + " pauses"));
        }
        for (int i = 0; i < given.size() && i < MAX_PAUSES; i++) {
            DeadlinePreview.PauseInterval p = given.get(i);
            if (p == null || p.from() == null || p.to() == null) {
                v.add(new Violation("pauses[" + i + "]", "needs from and to"));
            } else if (!p.from().isBefore(p.to())) {
                v.add(new Violation("pauses[" + i + "]", "from must be before to"));
            } else {
                pauses.add(new Pause(p.from().toInstant(), p.to().toInstant()));
            }
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return new DeadlineQuery(request.start().toInstant(), request.rule(), limit, pauses);
    }

    /**
     * This query if its start and pauses lie in the years {@code from} to {@code until} (UTC), so the
     * engine builds only those years (plus the few a limit reaches beyond them).
     */
    public DeadlineQuery withinYears(int from, int until) {
        List<Violation> v = new ArrayList<>();
        String range = "must be in the years " + from + " to " + until;
        if (outside(start, from, until)) {
            v.add(new Violation("start", range));
        }
        for (int i = 0; i < pauses.size(); i++) {
            if (outside(pauses.get(i).from(), from, until) || outside(pauses.get(i).to(), from, until)) {
                v.add(new Violation("pauses[" + i + "]", range));
            }
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        return this;
    }

    private static boolean outside(Instant instant, int from, int until) {
        int year = instant.atOffset(java.time.ZoneOffset.UTC).getYear();
        return year < from || year > until;
    }
}
