package io.siban.live;

import io.vertx.core.json.JsonObject;

/** One numbered event of a hall: the SSE id is {@code seq}. */
public record HallEvent(String hall, long seq, String type, JsonObject payload) {

    public JsonObject toJson() {
        return new JsonObject().put("hall", hall).put("seq", seq).put("type", type).put("payload", payload);
    }

    public static HallEvent fromJson(JsonObject json) {
        return new HallEvent(json.getString("hall"), json.getLong("seq"), json.getString("type"), json.getJsonObject("payload"));
    }
}
