package io.siban.common.web;

import io.siban.common.problem.ProblemException;

/** Checks page/size query parameters before they reach a query. */
public final class Paging {
    public static final int MAX_SIZE = 200;
    /** How deep a listing may page; beyond it the offset scan costs more than any client needs (narrow the filter instead). */
    public static final long MAX_OFFSET = 100_000;

    private Paging() {
    }

    public static void check(int page, int size) {
        if (page < 0) {
            throw ProblemException.invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.invalid("size", "must be between 1 and " + MAX_SIZE);
        }
        if ((long) page * size > MAX_OFFSET) {
            throw ProblemException.invalid("page", "page × size must be at most " + MAX_OFFSET + "; narrow the filter instead");
        }
    }
}
