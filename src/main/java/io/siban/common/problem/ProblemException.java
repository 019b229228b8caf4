package io.siban.common.problem;

import java.util.List;
import java.util.Map;

/** A domain error that the one mapper turns into problem+json. Subclasses name the status. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.Violation> violations;
    private java.time.Duration retryAfter;
    private final java.util.Map<String, Object> members = new java.util.LinkedHashMap<>();

    protected ProblemException(int status, String slug, String title, String detail, List<Problem.Violation> violations) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.violations = violations;
    }

    public Problem toProblem() {
        Problem base = Problem.of(status, slug, title, getMessage());
        return violations == null && members.isEmpty() ? base
                : new Problem(base.type(), title, status, getMessage(), violations, members.isEmpty() ? null : Map.copyOf(members));
    }

    /** Adds an extension member to the problem (RFC 9457), e.g. {@code nextOpening}; returns this. */
    public ProblemException with(String member, Object value) {
        members.put(member, value);
        return this;
    }

    public int status() {
        return status;
    }

    /** How long a client should wait before retrying (429, 503), or null. */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }

    public static ProblemException tooManyRequests(String detail, java.time.Duration retryAfter) {
        ProblemException e = new ProblemException(429, "rate-limited", "Too many requests", detail, null);
        e.retryAfter = retryAfter;
        return e;
    }

    /** 503: the service cannot answer this now (it took too long); the client may try again later. */
    public static ProblemException unavailable(String detail, java.time.Duration retryAfter) {
        ProblemException e = new ProblemException(503, "unavailable", "Service unavailable", detail, null);
        e.retryAfter = retryAfter;
        return e;
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, "not-found", "Not found", what + " '" + id + "' does not exist", null);
    }

    /** A 404 for something that exists but lacks what was asked of it, with its own type. */
    public static ProblemException notFound(String slug, String title, String detail) {
        return new ProblemException(404, slug, title, detail, null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail, null);
    }

    public static ProblemException duplicate(String what, String id) {
        return new ProblemException(409, "duplicate", "Already exists", what + " '" + id + "' already exists", null);
    }

    public static ProblemException businessRule(String slug, String detail) {
        return new ProblemException(422, slug, "Business rule violated", detail, null);
    }

    public static ProblemException invalid(List<Problem.Violation> violations) {
        String detail = violations.size() == 1
                ? violations.get(0).field() + ": " + violations.get(0).message()
                : violations.size() + " fields are invalid";
        return new ProblemException(400, "validation", "Invalid request", detail, List.copyOf(violations));
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new Problem.Violation(field, message)));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail, null);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", "Unauthorized", detail, null);
    }
}
