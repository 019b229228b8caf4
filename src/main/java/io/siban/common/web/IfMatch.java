package io.siban.common.web;

import io.siban.common.problem.ProblemException;

/** The If-Match header of a compare-and-set move: the version the caller read. */
public final class IfMatch {
    private IfMatch() {
    }

    /** A bare number or an entity tag ("3", W/"3"); 400 naming If-Match otherwise. */
    public static int version(String ifMatch, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException.invalid("If-Match", "send the " + what + " version you changed from, e.g. If-Match: 3");
        }
        String v = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        if (!v.matches("\\d{1,9}")) {
            throw ProblemException.invalid("If-Match", "'" + ifMatch + "' is not a " + what + " version");
        }
        return Integer.parseInt(v);
    }
}
