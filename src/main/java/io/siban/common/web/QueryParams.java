package io.siban.common.web;

import io.siban.common.problem.ProblemException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Query parameters arrive as text and are parsed here, so a malformed one is a 400 naming the
 * parameter (JAX-RS would answer 404 for a failed conversion).
 */
public final class QueryParams {
    private QueryParams() {
    }

    public static int integer(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name, "'" + value + "' is not a whole number");
        }
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /**
     * A date (YYYY-MM-DD) within the years a period may cover, or {@code fallback} when blank; {@code what}
     * names the answer in the message ("reports cover the years …").
     */
    public static LocalDate date(String name, String value, LocalDate fallback, int firstYear, int lastYear, String what) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "'" + value + "' is not a date (YYYY-MM-DD)");
        }
        if (date.getYear() < firstYear || date.getYear() > lastYear) {
            throw ProblemException.invalid(name, what + " cover the years " + firstYear + " to " + lastYear + ", not " + date);
        }
        return date;
    }
}
