package io.siban.common.problem;

import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Jackson's errors in the client's terms: the JSON path of the bad value and what JSON was expected
 * there ("must be a whole number"), never the Java type it was to become.
 */
final class JsonErrors {
    private JsonErrors() {
    }

    /** The JSON path, e.g. {@code applicant.name} or {@code pauses[2].from}; {@code body} for the whole body. */
    static String pathOf(JsonMappingException mapping) {
        String field = mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex() >= 0 ? "[" + ref.getIndex() + "]" : "")
                .filter(part -> !part.isEmpty())
                .collect(Collectors.joining(".")).replace(".[", "[");
        return field.isEmpty() ? "body" : field;
    }

    static String describe(JsonMappingException mapping) {
        if (mapping instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (mapping instanceof InvalidFormatException format && format.getTargetType() == String.class) {
            return String.valueOf(format.getOriginalMessage());
        }
        if (mapping instanceof InvalidFormatException format && format.getTargetType() != null
                && !format.getTargetType().isEnum() && format.getTargetType().getName().startsWith("io.siban.")) {
            // our own readers state the reason after the value: "...from String "{...}": give exactly one of ..."
            String original = String.valueOf(format.getOriginalMessage());
            int reason = original.lastIndexOf("\": ");
            if (reason >= 0 && !mentionsJavaType(original.substring(reason + 3))) {
                return original.substring(reason + 3);
            }
        }
        if (mapping.getCause() instanceof ProblemException problem) {
            return problem.getMessage();
        }
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return expectation(mismatch.getTargetType());
        }
        Throwable cause = mapping instanceof ValueInstantiationException || mapping.getCause() != null ? mapping.getCause() : null;
        if (cause instanceof ProblemException problem) {
            return problem.getMessage();
        }
        if (cause instanceof InputCoercionException coercion) {
            return outOfRange(coercion);
        }
        if (cause instanceof DateTimeException) {
            return "is not a valid date or time";
        }
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null && !mentionsJavaType(cause.getMessage())) {
            return cause.getMessage();
        }
        return "has an invalid value";
    }

    /** A number too large for its field. */
    static String outOfRange(InputCoercionException coercion) {
        Class<?> type = coercion.getTargetType();
        if (type == int.class || type == Integer.class) {
            return "must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == long.class || type == Long.class) {
            return "must be a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        return expectation(type);
    }

    /** What JSON a value of the target type is written as. */
    static String expectation(Class<?> type) {
        if (type == null) {
            return "has an invalid value";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == int.class || type == Integer.class || type == short.class || type == Short.class
                || type == byte.class || type == Byte.class || type == long.class || type == Long.class || type == BigInteger.class) {
            return "must be a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class || type == BigDecimal.class) {
            return "must be a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "must be a string";
        }
        if (type == LocalDate.class) {
            return "must be a date like 2026-10-01";
        }
        if (type == OffsetDateTime.class || type == ZonedDateTime.class || type == Instant.class) {
            return "must be a date-time with an offset, like 2026-09-30T10:00:00+08:00";
        }
        if (type == LocalTime.class) {
            return "must be a time like 09:00";
        }
        if (type == Duration.class) {
            return "must be an ISO-8601 duration like PT30M";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || type.getName().startsWith("io.siban.")) {
            return "must be an object";
        }
        return "has an invalid value";
    }

    private static boolean mentionsJavaType(String message) {
        return message.contains("java.") || message.contains("io.siban") || message.contains("`") || message.contains("$");
    }
}
