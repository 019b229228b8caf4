package io.siban.report;

import io.siban.catalog.CatalogService;
import io.siban.catalog.dto.CatalogSummary;
import io.siban.common.Clocks;
import io.siban.common.problem.ProblemException;
import io.siban.hall.HallService;
import io.siban.hall.dto.HallView;
import io.siban.report.dto.KpiReport;
import io.siban.report.dto.ScorecardView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public scorecards: a hall's published lists and its month per department, from the catalogue and
 * the KPI rollups. Anyone may ask, so each (hall, month) is computed at most once a minute per instance,
 * and only for halls that exist and months that have begun.
 */
@ApplicationScoped
public class Scorecards {
    static final Duration FRESH_FOR = Duration.ofMinutes(1);
    static final int CACHED = 128;
    static final YearMonth FIRST = YearMonth.of(2000, 1);

    @Inject
    KpiStore store;
    @Inject
    KpiService kpis;
    @Inject
    HallService halls;
    @Inject
    CatalogService catalog;
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
        Map<List<String>, KpiSums> sums = new HashMap<>();
        return halls.get(hall).chain(view -> Uni.combine().all()
                .unis(catalog.summary(), store.read(q, List.of(hall), clocks.now(), sums))
                .with((lists, ignored) -> card(view, month, lists, KpiService.answer(q, sums))));
    }

    static ScorecardView card(HallView hall, YearMonth month, CatalogSummary lists, KpiReport report) {
        Map<String, ScorecardView.Department> departments = new TreeMap<>();
        for (CatalogSummary.DepartmentCount d : lists.byDepartment()) {
            departments.put(d.department(), new ScorecardView.Department(d.department(), d.total(), 0, null, null, null));
        }
        for (KpiReport.Row row : report.rows()) {
            String name = row.key().get("department");
            if (name == null) {
                continue;
            }
            long items = departments.containsKey(name) ? departments.get(name).items() : 0;
            departments.put(name, new ScorecardView.Department(name, items, row.cases().closed(), row.cases().onTimeRate(),
                    row.cases().speedUpRate(), row.ratings().satisfiedShare()));
        }
        KpiReport.Tickets tickets = report.total().tickets();
        return new ScorecardView(hall.code(), hall.name(), month.toString(), lists.byCategory(), List.copyOf(departments.values()),
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
        if (month.isAfter(current) || month.isBefore(FIRST)) {
            throw ProblemException.invalid("month", "a scorecard exists for months from " + FIRST + " to " + current);
        }
        return month;
    }
}
