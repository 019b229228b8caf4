package io.siban.report;

import io.siban.common.problem.ProblemException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a KPI report groups by, and each one's key as SQL over the rollups: tickets, cases, window time
 * and ratings. A null expression means the rollup does not know that dimension (cases have no window
 * or clerk; window time has no item, department, category or channel); its block is then empty. Ratings
 * have the tickets' keys (a case's rating has the case's item, department, category and channel).
 */
public enum GroupBy {
    HALL("hall_code", "hall_code", "hall_code"),
    DEPARTMENT("nullif(department, '')", "nullif(department, '')", null),
    ITEM("nullif(item_code, '')", "nullif(item_code, '')", null),
    CATEGORY("nullif(category, '')", "nullif(category, '')", null),
    CHANNEL("channel", "channel", null),
    WINDOW("nullif(window_number, 0)::text", null, "window_number::text"),
    CLERK("nullif(clerk, '')", null, null),
    DAY("to_char(day, 'YYYY-MM-DD')", "to_char(day, 'YYYY-MM-DD')", "to_char(day, 'YYYY-MM-DD')"),
    WEEK("to_char(day, 'IYYY-\"W\"IW')", "to_char(day, 'IYYY-\"W\"IW')", "to_char(day, 'IYYY-\"W\"IW')"),
    MONTH("to_char(day, 'YYYY-MM')", "to_char(day, 'YYYY-MM')", "to_char(day, 'YYYY-MM')");

    /** The rollups a report reads. */
    public enum Source { TICKETS, CASES, WINDOWS, RATINGS, APPOINTMENTS }

    static final int MAX = 2;

    private final String tickets;
    private final String cases;
    private final String windows;

    GroupBy(String tickets, String cases, String windows) {
        this.tickets = tickets;
        this.cases = cases;
        this.windows = windows;
    }

    /** The key's SQL over a rollup, or null when that rollup cannot be grouped so. */
    public String sql(Source source) {
        return switch (source) {
            case TICKETS, RATINGS -> tickets;
            // bookings know what cases know: hall, item (so department and category), channel and day
            case CASES, APPOINTMENTS -> cases;
            case WINDOWS -> windows;
        };
    }

    /** The name in the answer's {@code key} and {@code groupBy}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code groupBy}: one or two distinct names, comma-separated; none groups nothing (one row). */
    public static List<GroupBy> parse(String text) {
        List<GroupBy> result = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return result;
        }
        for (String part : text.split(",", -1)) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            GroupBy g = Arrays.stream(values()).filter(v -> v.name().equals(name)).findFirst()
                    .orElseThrow(() -> ProblemException.invalid("groupBy", "'" + part.trim() + "' is not one of "
                            + Arrays.stream(values()).map(GroupBy::key).toList()));
            if (result.contains(g)) {
                throw ProblemException.invalid("groupBy", "'" + g.key() + "' is given twice");
            }
            result.add(g);
        }
        if (result.size() > MAX) {
            throw ProblemException.invalid("groupBy", "at most " + MAX + " dimensions, got " + result.size());
        }
        return result;
    }
}
