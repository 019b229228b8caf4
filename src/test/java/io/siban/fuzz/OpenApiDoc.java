package io.siban.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the operations out of the OpenAPI document. Everything is taken in a fixed order (paths and
 * methods sorted, parameters and properties as the document lists them, which Jackson keeps), so a
 * seed always walks the same requests.
 */
final class OpenApiDoc {
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");
    private final JsonNode root;

    OpenApiDoc(JsonNode root) {
        this.root = root;
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op != null) {
                    operations.add(operation(method.toUpperCase(), path.getKey(), path.getValue().path("parameters"), op));
                }
            }
        }
        operations.sort(Comparator.comparing(Operation::path).thenComparing(Operation::method));
        return List.copyOf(operations);
    }

    /** Follows $ref (also when the schema carries siblings next to it, which win over the target's fields). */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current != null && current.has("$ref") && hops < 20; hops++) {
            String ref = current.get("$ref").asText();
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode()) {
                return current;
            }
            if (current.size() > 1) {
                com.fasterxml.jackson.databind.node.ObjectNode merged = target.deepCopy();
                current.fields().forEachRemaining(e -> {
                    if (!e.getKey().equals("$ref") && !(e.getKey().equals("type") && target.has("type"))) {
                        merged.set(e.getKey(), e.getValue());
                    }
                });
                current = merged;
            } else {
                current = target;
            }
        }
        return current == null ? MissingNode.getInstance() : current;
    }

    private Operation operation(String method, String path, JsonNode shared, JsonNode op) {
        List<Operation.Param> params = new ArrayList<>();
        for (JsonNode source : List.of(shared, op.path("parameters"))) {
            for (JsonNode p : source) {
                JsonNode param = resolve(p);
                params.add(new Operation.Param(param.path("name").asText(), param.path("in").asText(),
                        resolve(param.path("schema")), param.path("required").asBoolean(false)));
            }
        }
        JsonNode body = resolve(op.path("requestBody"));
        List<String> bodyTypes = new ArrayList<>();
        body.path("content").fieldNames().forEachRemaining(bodyTypes::add);
        JsonNode bodySchema = body.path("content").path("application/json").path("schema");
        boolean streams = false;
        for (JsonNode response : op.path("responses")) {
            streams |= resolve(response).path("content").has("text/event-stream");
        }
        List<String> roles = new ArrayList<>();
        boolean secured = false;
        for (JsonNode requirement : op.path("security")) {
            for (JsonNode scopes : requirement) {
                secured = true;
                scopes.forEach(role -> roles.add(role.asText()));
            }
        }
        return new Operation(method, path, List.copyOf(params), bodySchema.isMissingNode() ? null : bodySchema,
                body.path("required").asBoolean(false), List.copyOf(bodyTypes), List.copyOf(roles), secured, streams);
    }
}
