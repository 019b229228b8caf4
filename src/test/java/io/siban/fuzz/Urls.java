package io.siban.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

final class Urls {
    private Urls() {
    }

    /** Percent-encodes a value for a path segment or query value (spaces as %20). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
