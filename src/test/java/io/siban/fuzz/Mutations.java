package io.siban.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import static io.siban.fuzz.Values.JSON;
import static io.siban.fuzz.Values.pick;

/** Builds the well-formed request of an operation, then makes one part of it hostile. */
final class Mutations {
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private final Values values;
    private final OpenApiDoc doc;
    private final Fixture fixture;

    Mutations(Values values) {
        this.values = values;
        this.doc = values.doc();
        this.fixture = values.fixture();
    }

    Draft make(Operation op, List<String> identities, List<String> allOperationsOfPath, SplittableRandom random) {
        Draft draft = wellFormed(op, random);
        draft.identity = identity(op, identities, random);
        String token = fixture.tokens().get(draft.identity);
        if (token != null) {
            draft.header("Authorization", "Bearer " + token);
        }
        if (random.nextInt(100) < 25) {
            return draft;
        }
        List<String> kinds = new ArrayList<>(List.of("path", "query", "header", "auth", "accept", "method"));
        if (op.bodySchema() != null) {
            kinds.addAll(List.of("body.type", "body.null", "body.missing", "body.string", "body.string", "body.number",
                    "body.time", "body.time", "body.enum", "body.whole", "body.whole", "content-type"));
        } else {
            kinds.add("unexpected-body");
        }
        if (op.in("path").isEmpty()) {
            kinds.remove("path");
        }
        String kind = pick(kinds, random);
        draft.kind = switch (kind) {
            case "path" -> path(draft, random);
            case "query" -> query(draft, random);
            case "header" -> header(draft, random);
            case "auth" -> auth(draft, random);
            case "accept" -> "accept:" + accept(draft, random);
            case "method" -> method(draft, allOperationsOfPath, random);
            case "unexpected-body" -> unexpectedBody(draft, random);
            case "content-type" -> contentType(draft, random);
            case "body.whole" -> wholeBody(draft, random);
            default -> bodyField(draft, kind, random);
        };
        return draft;
    }

    /** Mostly a role the operation names (so its code runs), otherwise any identity, or none. */
    private String identity(Operation op, List<String> identities, SplittableRandom random) {
        List<String> allowed = op.roles().stream().filter(identities::contains).toList();
        if (!allowed.isEmpty() && random.nextInt(100) < 55) {
            return pick(allowed, random);
        }
        if (!op.secured() && random.nextInt(100) < 40) {
            return "none";
        }
        return pick(identities, random);
    }

    Draft wellFormed(Operation op, SplittableRandom random) {
        Draft draft = new Draft(op);
        for (Operation.Param param : op.params()) {
            switch (param.in()) {
                case "path" -> draft.path.put(param.name(), pathValue(op, param, random));
                case "query" -> {
                    String value = queryValue(param, random);
                    if (value != null && (param.required() || random.nextInt(2) == 0)) {
                        draft.query.add(new String[]{param.name(), value});
                    }
                }
                case "header" -> {
                    String value = headerValue(param, random);
                    if (value != null) {
                        draft.header(param.name(), value);
                    }
                }
                default -> {
                }
            }
        }
        if (op.bodySchema() != null) {
            draft.body = values.valid(op.bodySchema(), null, null, random, 0);
            draft.contentType = "application/json";
        }
        return draft;
    }

    private String pathValue(Operation op, Operation.Param param, SplittableRandom random) {
        String path = op.path();
        switch (param.name()) {
            case "hall":
                return fixture.hall();
            case "number":
                return Integer.toString(pick(fixture.windows(), random));
            case "code":
                return fixture.itemCode();
            case "caseNumber":
                return fixture.caseNumber();
            case "username":
                // never an existing account: the run must keep its own tokens
                return "fz-nobody-" + Values.word(random, 6);
            case "year":
                return Integer.toString(2026 + random.nextInt(2));
            case "id":
                if (path.startsWith("/api/v1/tickets/")) {
                    return pick(fixture.tickets(), random);
                }
                if (path.startsWith("/api/v1/cases/")) {
                    return fixture.caseId();
                }
                if (path.startsWith("/api/v1/calendars/")) {
                    return op.method().equals("GET") ? fixture.readCalendar() : fixture.writeCalendar();
                }
                // devices and anything else: an id that names nothing, never the run's own devices
                return new UUID(random.nextLong(), random.nextLong()).toString();
            default:
                return Urls.encode(values.valid(param.schema(), null, null, random, 0).asText());
        }
    }

    private String queryValue(Operation.Param param, SplittableRandom random) {
        switch (param.name()) {
            case "page":
                return Integer.toString(random.nextInt(3));
            case "size":
                return Integer.toString(1 + random.nextInt(50));
            case "hall":
                return fixture.hall();
            case "code":
                return fixture.caseCode();
            case "lastEventId":
                return Integer.toString(random.nextInt(5));
            case "q":
                return Urls.encode("许可");
            default:
                return Urls.encode(values.valid(param.schema(), null, null, random, 0).asText());
        }
    }

    private String headerValue(Operation.Param param, SplittableRandom random) {
        return switch (param.name()) {
            case "Idempotency-Key" -> new UUID(random.nextLong(), random.nextLong()).toString();
            case "If-Match" -> Integer.toString(1 + random.nextInt(3));
            case "Last-Event-ID" -> random.nextBoolean() ? null : Integer.toString(random.nextInt(5));
            default -> null;
        };
    }

    private String path(Draft draft, SplittableRandom random) {
        Operation.Param param = pick(draft.op.in("path"), random);
        Hostile.Value value = pick(Hostile.PATH, random);
        draft.path.put(param.name(), value.text());
        return "path:" + value.name();
    }

    private String query(Draft draft, SplittableRandom random) {
        List<Operation.Param> declared = draft.op.in("query");
        Hostile.Value value = pick(Hostile.QUERY, random);
        if (declared.isEmpty()) {
            draft.query.add(new String[]{"fuzz", value.text()});
            return "query:undeclared:" + value.name();
        }
        Operation.Param param = pick(declared, random);
        draft.query.removeIf(q -> q[0].equals(param.name()));
        if (random.nextInt(5) == 0) {
            draft.query.add(new String[]{param.name(), "1"});
            draft.query.add(new String[]{param.name(), value.text()});
            return "query:repeated:" + value.name();
        }
        draft.query.add(new String[]{param.name(), value.text()});
        return "query:" + value.name();
    }

    private String header(Draft draft, SplittableRandom random) {
        List<Operation.Param> declared = draft.op.in("header");
        Hostile.Value value = pick(Hostile.HEADER, random);
        if (declared.isEmpty()) {
            draft.header("X-Fuzz", value.text());
            return "header:undeclared:" + value.name();
        }
        Operation.Param param = pick(declared, random);
        draft.header(param.name(), value.text());
        return "header:" + value.name();
    }

    private String auth(Draft draft, SplittableRandom random) {
        Hostile.Value value = pick(Hostile.AUTHORIZATION, random);
        String text = value.text();
        if (text == null) {
            String token = fixture.tokens().get("admin");
            char last = token.charAt(token.length() - 1);
            text = "Bearer " + token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        }
        draft.identity = "forged";
        draft.header("Authorization", text);
        return "auth:" + value.name();
    }

    private String accept(Draft draft, SplittableRandom random) {
        Hostile.Value value = pick(Hostile.ACCEPT, random);
        draft.header("Accept", value.text());
        return value.name();
    }

    private String method(Draft draft, List<String> declared, SplittableRandom random) {
        List<String> others = METHODS.stream().filter(m -> !declared.contains(m)).toList();
        if (others.isEmpty()) {
            return "valid";
        }
        draft.method = pick(others, random);
        return "method:undeclared";
    }

    private String unexpectedBody(Draft draft, SplittableRandom random) {
        draft.contentType = "application/json";
        if (random.nextBoolean()) {
            draft.rawBody = "{\"a\":".repeat(100) .getBytes(StandardCharsets.UTF_8);
            draft.rawBodyNote = "{\"a\": x 100 (unterminated)";
            return "unexpected-body:malformed";
        }
        draft.rawBody = Hostile.HUGE.getBytes(StandardCharsets.UTF_8);
        draft.rawBodyNote = "\"a\" x 100000 (not JSON)";
        return "unexpected-body:huge";
    }

    private String contentType(Draft draft, SplittableRandom random) {
        Hostile.Value type = pick(Hostile.CONTENT_TYPES, random);
        draft.contentType = type.text();
        if ("xml".equals(type.name())) {
            draft.rawBody = "<?xml version=\"1.0\"?><a><b>1</b></a>".getBytes(StandardCharsets.UTF_8);
        } else if ("form".equals(type.name())) {
            draft.rawBody = "a=1&b=%00".getBytes(StandardCharsets.UTF_8);
        }
        return "content-type:" + type.name();
    }

    private String wholeBody(Draft draft, SplittableRandom random) {
        Hostile.Value value = pick(Hostile.BODIES, random);
        String valid = draft.body == null ? "{}" : draft.body.toString();
        String text = value.text();
        switch (value.name()) {
            case "truncated" -> text = valid.substring(0, Math.max(1, random.nextInt(Math.max(1, valid.length() - 1))));
            case "trailing-garbage" -> text = valid + "xyz";
            case "duplicate-keys" -> text = valid.startsWith("{") && valid.length() > 2
                    ? "{" + valid.substring(1, valid.length() - 1) + "," + valid.substring(1) : "{\"a\":1,\"a\":2}";
            case "unknown-fields" -> text = valid.startsWith("{") && valid.length() > 2
                    ? "{\"fuzzUnknown\":{\"x\":[1]}," + valid.substring(1) : "{\"fuzzUnknown\":1}";
            case "invalid-utf8" -> {
                draft.rawBody = concat("{\"name\":\"".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xff, (byte) 0xfe, (byte) 0xc3},
                        "\"}".getBytes(StandardCharsets.UTF_8));
                draft.rawBodyNote = "{\"name\":\"<bytes ff fe c3>\"}";
                return "body:invalid-utf8";
            }
            case "body-1.5MB" -> {
                text = "{\"name\":\"" + "a".repeat(1_500_000) + "\"}";
                draft.rawBodyNote = "{\"name\":\"a x 1500000\"}";
            }
            case "body-over-limit" -> {
                text = "{\"name\":\"" + "a".repeat(2_200_000) + "\"}";
                draft.rawBodyNote = "{\"name\":\"a x 2200000\"} (over the 2M limit)";
            }
            default -> {
            }
        }
        draft.rawBody = text.getBytes(StandardCharsets.UTF_8);
        return "body:" + value.name();
    }

    /** Replaces one value of the well-formed body (or adds or removes one) with a hostile one. */
    private String bodyField(Draft draft, String kind, SplittableRandom random) {
        List<Slot> slots = new ArrayList<>();
        collect(draft.body, draft.op.bodySchema(), "", slots);
        if (kind.equals("body.missing")) {
            return missing(draft, slots, random);
        }
        List<Slot> candidates = switch (kind) {
            case "body.string" -> slots.stream().filter(s -> s.type().equals("string")).toList();
            case "body.number" -> slots.stream().filter(s -> s.type().equals("integer") || s.type().equals("number")).toList();
            case "body.time" -> slots.stream().filter(Slot::temporal).toList();
            case "body.enum" -> slots.stream().filter(s -> s.schema().has("enum")).toList();
            default -> slots;
        };
        if (candidates.isEmpty()) {
            candidates = slots;
        }
        if (candidates.isEmpty()) {
            return wholeBody(draft, random);
        }
        Slot slot = pick(candidates, random);
        Hostile.Value value = switch (kind) {
            case "body.type" -> wrongType(slot, random);
            case "body.null" -> new Hostile.Value("null", "null");
            case "body.string" -> pick(Hostile.STRINGS, random);
            case "body.number" -> pick(Hostile.NUMBERS, random);
            case "body.time" -> pick(Hostile.TIMES, random);
            default -> enumValue(slot, random);
        };
        if (kind.equals("body.null") && slot.value().isArray() && random.nextBoolean()) {
            ((ArrayNode) slot.value()).addNull();
            return "body.null-in-array";
        }
        slot.set(new POJONode(new RawValue(value.text())));
        return kind + ":" + value.name();
    }

    private String missing(Draft draft, List<Slot> slots, SplittableRandom random) {
        if (!(draft.body instanceof ObjectNode root)) {
            return wholeBody(draft, random);
        }
        List<String> required = Values.requiredOf(doc.resolve(draft.op.bodySchema()));
        if (required.isEmpty() || random.nextInt(4) == 0) {
            root.removeAll();
            return "body.missing:all";
        }
        root.remove(pick(required, random));
        return "body.missing:required";
    }

    private Hostile.Value wrongType(Slot slot, SplittableRandom random) {
        List<Hostile.Value> options = switch (slot.type()) {
            case "string" -> List.of(new Hostile.Value("number", "123"), new Hostile.Value("boolean", "true"),
                    new Hostile.Value("object", "{\"a\":1}"), new Hostile.Value("array", "[\"x\"]"));
            case "integer", "number" -> List.of(new Hostile.Value("string", "\"12\""), new Hostile.Value("word", "\"abc\""),
                    new Hostile.Value("boolean", "false"), new Hostile.Value("array", "[1]"), new Hostile.Value("object", "{}"));
            case "boolean" -> List.of(new Hostile.Value("string", "\"yes\""), new Hostile.Value("number", "1"),
                    new Hostile.Value("array", "[]"));
            case "array" -> List.of(new Hostile.Value("string", "\"x\""), new Hostile.Value("object", "{}"),
                    new Hostile.Value("number", "1"), new Hostile.Value("nested-wrong", "[[1],{\"a\":[]}]"));
            default -> List.of(new Hostile.Value("string", "\"x\""), new Hostile.Value("array", "[]"),
                    new Hostile.Value("number", "1"));
        };
        return pick(options, random);
    }

    private Hostile.Value enumValue(Slot slot, SplittableRandom random) {
        Hostile.Value value = pick(Hostile.ENUMS, random);
        JsonNode enums = slot.schema().get("enum");
        String valid = enums != null && enums.size() > 0 ? enums.get(0).asText() : "OPEN";
        if (value.name().equals("lower-case")) {
            return new Hostile.Value("lower-case", "\"" + valid.toLowerCase() + "\"");
        }
        if (value.name().equals("padded")) {
            return new Hostile.Value("padded", "\" " + valid + " \"");
        }
        return value;
    }

    /** Every value in the body with its schema, and a way to replace it. */
    private void collect(JsonNode node, JsonNode rawSchema, String pointer, List<Slot> slots) {
        JsonNode schema = doc.resolve(rawSchema);
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            fields.forEachRemaining(entries::add);
            for (Map.Entry<String, JsonNode> field : entries) {
                JsonNode child = schema.path("properties").has(field.getKey()) ? schema.path("properties").get(field.getKey())
                        : schema.path("additionalProperties");
                JsonNode resolved = doc.resolve(child);
                slots.add(new Slot(object, field.getKey(), -1, field.getValue(), resolved, pointer + "/" + field.getKey()));
                collect(field.getValue(), child, pointer + "/" + field.getKey(), slots);
            }
        } else if (node instanceof ArrayNode array) {
            JsonNode items = schema.path("items");
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i, array.get(i), doc.resolve(items), pointer + "/" + i));
                collect(array.get(i), items, pointer + "/" + i, slots);
            }
        }
    }

    private record Slot(ContainerNode<?> parent, String key, int index, JsonNode value, JsonNode schema, String pointer) {
        String type() {
            String type = schema.path("type").asText("");
            if (!type.isEmpty()) {
                return type;
            }
            return value.isTextual() ? "string" : value.isNumber() ? "number" : value.isArray() ? "array" : "object";
        }

        boolean temporal() {
            String format = schema.path("format").asText("");
            if (format.equals("date") || format.equals("date-time")) {
                return true;
            }
            String text = value.isTextual() ? value.asText() : "";
            return text.matches("P.*|\\d\\d:\\d\\d|\\d{4}-\\d\\d-\\d\\d.*");
        }

        void set(JsonNode replacement) {
            if (parent instanceof ObjectNode object) {
                object.set(key, replacement);
            } else {
                ((ArrayNode) parent).set(index, replacement);
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
