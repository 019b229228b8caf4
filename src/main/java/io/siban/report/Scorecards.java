package io.siban.report;

import io.siban.catalog.Category;
import io.siban.common.Clocks;
import io.siban.common.problem.ProblemException;
import io.siban.report.dto.KpiReport;
import io.siban.report.dto.ScorecardView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public scorecards: a hall's published lists and its month per department, from the catalogue and
 * the KPI rollups. Anyone may ask, so each (hall, month) is computed at most once a minute per instance
 * (asking together shares one computation), and only for halls that exist and the last 25 months.
 */
@ApplicationScoped
public class Scorecards {
    static final Duration FRESH_FOR = Duration.ofMinutes(1);
    /** Months a scorecard is published for: this one and the 24 before it (the hall TV and the portal show recent ones). */
    static final int MONTHS_BACK = 24;
    static final int CACHED = 512;

    @Inject
    KpiStore store;
    @Inject
    KpiService kpis;
    @Inject
    Clocks clocks;

    private final Map<String, Uni<ScorecardView>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Uni<ScorecardView>> eldest) {
            return size() > CACHED;
        }
    };

    /** The scorecard of {@code month} (YYYY-MM; this month when absent); 404 for an unknown hall. */
    public Uni<ScorecardView> of(String hall, String month) {
        LocalDate today = kpis.today();
        YearMonth asked = month(month, YearMonth.from(today));
        String key = hall + '|' + asked;
        synchronized (cache) {
            return cache.computeIfAbsent(key, k -> compute(hall, asked, today).memoize().atLeast(FRESH_FOR)
                    .onFailure().invoke(() -> forget(key)));
        }
    }

    private void forget(String key) {
        synchronized (cache) {
            cache.remove(key);
        }
    }

    private Uni<ScorecardView> compute(String hall, YearMonth month, LocalDate today) {
        LocalDate end = month.atEndOfMonth().isAfter(today) ? today : month.atEndOfMonth();
        KpiQuery q = new KpiQuery(month.atDay(1), end, hall, null, null, null, null, List.of(GroupBy.DEPARTMENT));
        KpiRows sums = new KpiRows();
        return store.hallName(hall)
                .invoke(name -> {
                    if (name == null) {
                        throw ProblemException.notFound("hall", hall);
                    }
                })
                .chain(name -> store.publishedLists()
                        .chain(lists -> store.read(q, List.of(hall), clocks.now(), sums)
                                .map(ignored -> card(hall, name, month, lists, KpiService.answer(q, sums)))));
    }

    static ScorecardView card(String hall, String name, YearMonth month, Iterable<Row> lists, KpiReport report) {
        Map<Category, Long> byCategory = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            byCategory.put(category, 0L);
        }
        Map<String, ScorecardView.Department> departments = new TreeMap<>();
        for (Row row : lists) {
            String department = row.getString("department");
            long items = row.getLong("items");
            byCategory.merge(Category.valueOf(row.getString("category")), items, Long::sum);
            ScorecardView.Department known = departments.get(department);
            departments.put(department, new ScorecardView.Department(department, items + (known == null ? 0 : known.items()),
                    0, null, null, null));
        }
        for (KpiReport.Row row : report.rows()) {
            String department = row.key().get("department");
            if (department == null) {
                continue;
            }
            ScorecardView.Department known = departments.get(department);
            departments.put(department, new ScorecardView.Department(department, known == null ? 0 : known.items(),
                    row.cases().closed(), row.cases().onTimeRate(), row.cases().speedUpRate(), row.ratings().satisfiedShare()));
        }
        KpiReport.Tickets tickets = report.total().tickets();
        return new ScorecardView(hall, name, month.toString(), byCategory, List.copyOf(departments.values()),
                new ScorecardView.Tickets(tickets.issued(), tickets.waitP50Seconds(), tickets.servedWithin15MinShare()));
    }

    static YearMonth month(String text, YearMonth current) {
        if (text == null || text.isBlank()) {
            return current;
        }
        YearMonth month;
        try {
            month = YearMonth.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("month", "'" + text + "' is not a month (YYYY-MM)");
        }
        YearMonth first = current.minusMonths(MONTHS_BACK);
        if (month.isAfter(current) || month.isBefore(first)) {
            throw ProblemException.invalid("month", "a scorecard exists for the months from " + first + " to " + current);
        }
        return month;
    }
}
