package io.siban.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One operation of the OpenAPI document: its parameters in document order, the JSON schema of its
 * body (null when it takes none), the roles its security requirement names, and whether it streams.
 */
record Operation(String method, String path, List<Param> params, JsonNode bodySchema, boolean bodyRequired,
                 List<String> bodyTypes, List<String> roles, boolean secured, boolean streams) {

    record Param(String name, String in, JsonNode schema, boolean required) {
    }

    String name() {
        return method + " " + path;
    }

    List<Param> in(String where) {
        return params.stream().filter(p -> p.in().equals(where)).toList();
    }
}
