package io.siban.outbox;

import io.vertx.core.json.JsonObject;

/** One numbered event of a hall: the SSE id is {@code seq}. */
public record HallEvent(String hall, long seq, String type, JsonObject payload) {

    public JsonObject toJson() {
        return new JsonObject().put("hall", hall).put("seq", seq).put("type", type).put("payload", payload);
    }

    /** A stored payload as an object, whatever form the driver hands it in; never fails on one bad row. */
    public static JsonObject payloadOf(Object stored) {
        if (stored instanceof JsonObject object) {
            return object;
        }
        if (stored instanceof String text) {
            try {
                Object parsed = io.vertx.core.json.Json.decodeValue(text);
                if (parsed instanceof JsonObject object) {
                    return object;
                }
                if (parsed instanceof String inner && inner.startsWith("{")) {
                    return new JsonObject(inner);
                }
                return new JsonObject().put("value", parsed);
            } catch (RuntimeException e) {
                return new JsonObject().put("value", text);
            }
        }
        return new JsonObject().put("value", String.valueOf(stored));
    }

    public static HallEvent fromJson(JsonObject json) {
        return new HallEvent(json.getString("hall"), json.getLong("seq"), json.getString("type"), json.getJsonObject("payload"));
    }
}
