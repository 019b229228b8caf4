package io.siban.security;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.List;

/** Reads custom claims whatever JSON-P or Java form the token library hands them in. */
final class Claims {
    private Claims() {
    }

    static String text(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        if (value instanceof JsonString json) {
            return json.getString();
        }
        return value == null ? null : value.toString();
    }

    /** A whole-number claim, or null when absent or not a number. */
    static Integer number(JsonWebToken jwt, String name) {
        String text = text(jwt, name);
        try {
            return text == null ? null : Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static List<String> list(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        if (value instanceof JsonArray array) {
            return array.stream().map(Claims::plain).toList();
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(Claims::plain).toList();
        }
        return value == null ? List.of() : List.of(plain(value));
    }

    private static String plain(Object value) {
        if (value instanceof JsonString json) {
            return json.getString();
        }
        if (value instanceof JsonValue json) {
            return json.toString();
        }
        return String.valueOf(value);
    }
}
