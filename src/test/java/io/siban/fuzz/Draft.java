package io.siban.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request being built: a well-formed one first, then one part of it made hostile. */
final class Draft {
    final Operation op;
    String method;
    final Map<String, String> path = new LinkedHashMap<>();
    final List<String[]> query = new ArrayList<>();
    final List<String[]> headers = new ArrayList<>();
    String identity = "none";
    JsonNode body;
    byte[] rawBody;
    String rawBodyNote;
    String contentType;
    String kind = "valid";

    Draft(Operation op) {
        this.op = op;
        this.method = op.method();
    }

    /** The path with its values in place (values are already percent-encoded) and the query. */
    String target() {
        String target = op.path();
        for (Map.Entry<String, String> value : path.entrySet()) {
            target = target.replace("{" + value.getKey() + "}", value.getValue());
        }
        StringBuilder url = new StringBuilder(target);
        for (int i = 0; i < query.size(); i++) {
            url.append(i == 0 ? '?' : '&').append(query.get(i)[0]).append('=').append(query.get(i)[1]);
        }
        return url.toString();
    }

    void header(String name, String value) {
        headers.removeIf(h -> h[0].equalsIgnoreCase(name));
        if (value != null) {
            headers.add(new String[]{name, value});
        }
    }

    byte[] bytes() {
        if (rawBody != null) {
            return rawBody;
        }
        return body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8);
    }

    boolean hasBody() {
        return rawBody != null || body != null;
    }
}
