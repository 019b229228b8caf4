package io.siban.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Well-formed values built from schemas: examples and enums where the document has them, fixture
 * values for fields that name things that must exist (hall, item, ticket...), fresh names for things
 * a request creates, so that requests reach the code behind validation.
 */
final class Values {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final OpenApiDoc doc;
    private final Fixture fixture;

    Values(OpenApiDoc doc, Fixture fixture) {
        this.doc = doc;
        this.fixture = fixture;
    }

    Fixture fixture() {
        return fixture;
    }

    OpenApiDoc doc() {
        return doc;
    }

    /** A well-formed value of the schema; owner is the schema holding the field, for field-specific values. */
    JsonNode valid(JsonNode raw, String owner, String field, SplittableRandom random, int depth) {
        String refName = raw != null && raw.has("$ref") ? refName(raw.get("$ref").asText()) : null;
        JsonNode schema = doc.resolve(raw);
        JsonNode special = field == null ? null : byField(owner, field, schema, random);
        if (special != null) {
            return special;
        }
        JsonNode enums = schema.get("enum");
        if (enums != null && enums.size() > 0) {
            return enums.get(random.nextInt(enums.size())).deepCopy();
        }
        String type = schema.path("type").asText("");
        JsonNode examples = schema.get("examples");
        boolean hasExample = examples != null && examples.isArray() && examples.size() > 0;
        if (hasExample && (!type.equals("object") || random.nextInt(2) == 0)) {
            return examples.get(random.nextInt(examples.size())).deepCopy();
        }
        switch (type) {
            case "string":
                return JSON.textNode(string(schema, random));
            case "integer": {
                int min = schema.path("minimum").asInt(0);
                int max = Math.min(schema.path("maximum").asInt(min + 10), min + 10);
                return JSON.numberNode(min + random.nextInt(Math.max(1, max - min + 1)));
            }
            case "number":
                return JSON.numberNode(random.nextInt(100) / 10.0);
            case "boolean":
                return JSON.booleanNode(random.nextBoolean());
            case "array": {
                ArrayNode array = JSON.arrayNode();
                int n = Math.max(schema.path("minItems").asInt(0), 1 + random.nextInt(2));
                for (int i = 0; i < n && depth < 6; i++) {
                    array.add(valid(schema.path("items"), refName == null ? owner : refName, null, random, depth + 1));
                }
                return array;
            }
            case "object":
            case "":
                return object(schema, refName == null ? owner : refName, field, random, depth);
            default:
                return JSON.textNode("x");
        }
    }

    private JsonNode object(JsonNode schema, String owner, String field, SplittableRandom random, int depth) {
        ObjectNode object = JSON.objectNode();
        if (depth > 6) {
            return object;
        }
        List<String> required = requiredOf(schema);
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            if (required.contains(property.getKey()) || random.nextInt(10) < 6) {
                object.set(property.getKey(), valid(property.getValue(), owner, property.getKey(), random, depth + 1));
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isObject() && !schema.has("properties")) {
            String key = field != null && field.toLowerCase().contains("week") ? "MONDAY"
                    : field != null && field.toLowerCase().contains("date") ? date(random) : "key";
            object.set(key, additional.isEmpty() ? JSON.textNode("v") : hours(additional, owner, random, depth));
        }
        return object;
    }

    /** Office hours are arrays of ["HH:MM","HH:MM"]; anything else gets a generic value. */
    private JsonNode hours(JsonNode additional, String owner, SplittableRandom random, int depth) {
        JsonNode items = doc.resolve(additional.path("items"));
        if (doc.resolve(additional).path("type").asText().equals("array") && items.path("type").asText().equals("array")) {
            ArrayNode span = JSON.arrayNode().add("09:00").add("12:00");
            return JSON.arrayNode().add(span);
        }
        return valid(additional, owner, null, random, depth + 1);
    }

    static List<String> requiredOf(JsonNode schema) {
        return java.util.stream.StreamSupport.stream(schema.path("required").spliterator(), false).map(JsonNode::asText).toList();
    }

    private JsonNode byField(String owner, String field, JsonNode schema, SplittableRandom random) {
        String type = schema.path("type").asText("");
        switch (field) {
            case "hall":
                return type.equals("array") ? null : JSON.textNode(fixture.hall());
            case "halls":
                return JSON.arrayNode().add(fixture.hall());
            case "itemCode":
                return JSON.textNode(fixture.itemCode());
            case "queueCode":
                return JSON.textNode(pick(fixture.queues(), random));
            case "queues":
                return JSON.arrayNode().add(pick(fixture.queues(), random));
            case "ticketId":
                return JSON.textNode(pick(fixture.tickets(), random));
            case "caseId":
                return JSON.textNode(fixture.caseId());
            case "windowNumber":
                return JSON.numberNode(pick(fixture.windows(), random));
            case "calendarId":
                return JSON.textNode(fixture.readCalendar());
            case "username":
                // never a real account: wrong passwords for real ones would lock them mid-run
                return JSON.textNode("fz-nobody-" + word(random, 8));
            case "password":
                return JSON.textNode("fuzz-password-" + word(random, 6));
            case "prefix":
                return JSON.textNode("" + (char) ('C' + random.nextInt(24)) + (char) ('A' + random.nextInt(26)));
            case "number":
                return "WindowRequest".equals(owner) ? JSON.numberNode(10 + random.nextInt(9000)) : null;
            case "code":
                if ("HallRequest".equals(owner)) {
                    return JSON.textNode("fz-" + word(random, 8));
                }
                if ("ItemRequest".equals(owner)) {
                    return JSON.textNode("FZ-" + word(random, 6).toUpperCase());
                }
                if ("QueueRequest".equals(owner)) {
                    return JSON.textNode("Q" + word(random, 5));
                }
                return null;
            default:
                return null;
        }
    }

    private String string(JsonNode schema, SplittableRandom random) {
        switch (schema.path("format").asText("")) {
            case "uuid":
                return new UUID(random.nextLong(), random.nextLong()).toString();
            case "date":
                return date(random);
            case "date-time":
                return date(random) + "T" + (9 + random.nextInt(8)) + ":00:00+08:00";
            default:
                return "fz" + word(random, 6);
        }
    }

    static String date(SplittableRandom random) {
        return LocalDate.of(2026, 1, 1).plusDays(random.nextInt(500)).toString();
    }

    static String word(SplittableRandom random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return s.toString();
    }

    static <T> T pick(List<T> list, SplittableRandom random) {
        return list.get(random.nextInt(list.size()));
    }

    private static String refName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
