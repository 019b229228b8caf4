package io.siban.catalog;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.siban.catalog.CatalogService.ImportRow;
import io.siban.catalog.dto.ItemRequest;
import io.siban.common.problem.Problem.Violation;
import io.siban.common.problem.ProblemException;

import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the CSV form of an item import. The header names the columns (any order):
 * code,name,department,level,category,committedLimit,statutoryLimit,localStageLimit,requiredDocuments,
 * onlineCapable,queueCode,dailyQuota,warningThreshold,toleratesMissingDocuments. Limits are "5" (working days)
 * or "PT30M"; documents are separated by ';'.
 */
final class ItemCsv {
    static final Set<String> REQUIRED_COLUMNS = Set.of("code", "name", "department", "level", "category", "statutoryLimit", "onlineCapable");
    private static final CsvMapper MAPPER = new CsvMapper();

    private ItemCsv() {
    }

    static List<ImportRow> parse(String text) {
        List<ImportRow> rows = new ArrayList<>();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> it = MAPPER.readerForMapOf(String.class).with(schema).readValues(text)) {
            int number = 0;
            while (it.hasNextValue()) {
                number++;
                Map<String, String> row;
                try {
                    row = it.nextValue();
                } catch (RuntimeException e) {
                    rows.add(new ImportRow(number, null, null, new Violation("row", "unreadable CSV line")));
                    continue;
                }
                if (number == 1) {
                    checkHeader(row.keySet());
                }
                rows.add(toRow(number, row));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw ProblemException.invalid("body", "unreadable CSV: " + firstLine(e.getMessage()));
        }
        return rows;
    }

    private static void checkHeader(Set<String> columns) {
        List<String> missing = REQUIRED_COLUMNS.stream().filter(c -> !columns.contains(c)).sorted().toList();
        if (!missing.isEmpty()) {
            throw ProblemException.invalid("header", "missing columns " + missing);
        }
    }

    private static ImportRow toRow(int number, Map<String, String> row) {
        String code = blankToNull(row.get("code"));
        try {
            ItemRequest item = new ItemRequest(code, row.get("name"), row.get("department"),
                    enumValue(Level.class, "level", row.get("level")),
                    enumValue(Category.class, "category", row.get("category")),
                    limit("committedLimit", row.get("committedLimit")),
                    limit("statutoryLimit", row.get("statutoryLimit")),
                    limit("localStageLimit", row.get("localStageLimit")),
                    documents(row.get("requiredDocuments")),
                    bool("onlineCapable", row.get("onlineCapable")),
                    blankToNull(row.get("queueCode")),
                    integer("dailyQuota", row.get("dailyQuota")),
                    duration("warningThreshold", row.get("warningThreshold")),
                    bool("toleratesMissingDocuments", row.get("toleratesMissingDocuments")));
            return new ImportRow(number, code, item, null);
        } catch (FieldError e) {
            return new ImportRow(number, code, null, new Violation(e.field, e.getMessage()));
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FieldError(field, "'" + v + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static Limit limit(String field, String value) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            return Limit.parse(v);
        } catch (IllegalArgumentException e) {
            throw new FieldError(field, e.getMessage());
        }
    }

    private static Duration duration(String field, String value) {
        String v = blankToNull(value);
        try {
            return v == null ? null : Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new FieldError(field, "'" + v + "' is not an ISO-8601 duration");
        }
    }

    private static Integer integer(String field, String value) {
        String v = blankToNull(value);
        try {
            return v == null ? null : Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw new FieldError(field, "'" + v + "' is not a whole number");
        }
    }

    private static Boolean bool(String field, String value) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "是" -> true;
            case "false", "no", "n", "0", "否" -> false;
            default -> throw new FieldError(field, "'" + v + "' is not true or false");
        };
    }

    private static List<String> documents(String value) {
        String v = blankToNull(value);
        return v == null ? List.of() : Arrays.stream(v.split("[;；]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static final class FieldError extends RuntimeException {
        final String field;

        FieldError(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}
