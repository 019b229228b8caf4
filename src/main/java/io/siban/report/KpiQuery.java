package io.siban.report;

import io.siban.cases.CaseChannel;
import io.siban.catalog.Category;
import io.siban.common.problem.ProblemException;
import io.siban.common.web.QueryParams;
import io.siban.queue.Channel;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parameters of a KPI report, parsed and checked: a bad one is a 400 naming it. {@code to}
 * defaults to today and {@code from} to the first day of {@code to}'s month; the period is at most
 * {@link #MAX_DAYS} days, both ends included.
 *
 * @param hall   the hall asked for, or null (the caller's halls)
 * @param window a window number, or null
 */
public record KpiQuery(LocalDate from, LocalDate to, String hall, String department, Category category, String channel,
                       Integer window, List<GroupBy> groupBy) {
    public static final int MAX_DAYS = 400;
    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;
    /** Ticket channels and case channels: one filter applies to both. */
    public static final Set<String> CHANNELS = channels();

    public KpiQuery {
        groupBy = List.copyOf(groupBy);
    }

    public static KpiQuery parse(String from, String to, String hall, String department, String category, String channel,
                                 String window, String groupBy, LocalDate today) {
        LocalDate end = date("to", to, today);
        LocalDate start = date("from", from, end.withDayOfMonth(1));
        if (start.isAfter(end)) {
            throw ProblemException.invalid("from", "from " + start + " is after to " + end);
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        if (days > MAX_DAYS) {
            throw ProblemException.invalid("to", "the period is " + days + " days; at most " + MAX_DAYS + " days may be asked at once");
        }
        Integer windowNumber = window == null || window.isBlank() ? null : QueryParams.integer("window", window, 0);
        if (windowNumber != null && windowNumber < 1) {
            throw ProblemException.invalid("window", "a window number is 1 or more");
        }
        return new KpiQuery(start, end, blankToNull(hall), blankToNull(department),
                QueryParams.enumValue(Category.class, "category", category), channel(channel), windowNumber, GroupBy.parse(groupBy));
    }

    /** Whether a rollup can answer this query: it knows every dimension grouped by and filtered on. */
    public boolean reads(GroupBy.Source source) {
        for (GroupBy g : groupBy) {
            if (g.sql(source) == null) {
                return false;
            }
        }
        return switch (source) {
            case TICKETS, RATINGS -> true;
            case CASES, APPOINTMENTS -> window == null;
            case WINDOWS -> department == null && category == null && channel == null;
        };
    }

    private static LocalDate date(String name, String value, LocalDate fallback) {
        return io.siban.common.web.QueryParams.date(name, value, fallback, FIRST_YEAR, LAST_YEAR, "reports");
    }

    private static String channel(String value) {
        String name = blankToNull(value);
        if (name == null) {
            return null;
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (!CHANNELS.contains(upper)) {
            throw ProblemException.invalid("channel", "'" + value + "' is not one of " + CHANNELS);
        }
        return upper;
    }

    private static Set<String> channels() {
        java.util.SortedSet<String> all = new TreeSet<>();
        for (Channel c : Channel.values()) {
            all.add(c.name());
        }
        for (CaseChannel c : CaseChannel.values()) {
            all.add(c.name());
        }
        // a booking's channel: made by the hall's staff (a mobile backend's bookings are MOBILE)
        all.add("STAFF");
        return java.util.Collections.unmodifiableSortedSet(all);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The group keys' names, in order. */
    public List<String> groupNames() {
        List<String> names = new ArrayList<>();
        for (GroupBy g : groupBy) {
            names.add(g.key());
        }
        return names;
    }
}
