package io.siban.report;

import io.siban.common.Clocks;
import io.siban.common.problem.ProblemException;
import io.siban.report.dto.KpiReport;
import io.siban.security.Caller;
import io.siban.security.Roles;
import io.siban.sla.calendar.CalendarDefinition;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The KPI report of a caller: supervisors see their halls, admins all. */
@ApplicationScoped
public class KpiService {
    static final String ALL_HALLS = "select code from hall order by code";

    @Inject
    KpiStore store;
    @Inject
    Clocks clocks;
    @Inject
    Pool pool;
    @Inject
    ReportConfig config;

    private ReadGate gate;

    @jakarta.annotation.PostConstruct
    void gate() {
        gate = new ReadGate(config.concurrent(), config.waiting());
    }

    /** Today in the halls' zone: the default end of a period. */
    public LocalDate today() {
        return clocks.now().atZoneSameInstant(CalendarDefinition.CHINA_ZONE).toLocalDate();
    }

    /** The report; a hall the caller does not supervise is refused (403) before anything is read. */
    public Uni<KpiReport> report(KpiQuery q, Caller caller) {
        return read(q, caller).map(rows -> answer(q, rows));
    }

    /**
     * The report's rows as CSV lines, made one at a time from the sums read (the rows of the answer are
     * never all built); refused like {@link #report} before anything is read or written.
     */
    public Multi<String> csv(KpiQuery q, Caller caller) {
        return read(q, caller).onItem().transformToMulti(rows -> csvLines(q, rows));
    }

    static Multi<String> csvLines(KpiQuery q, KpiRows rows) {
        List<String> names = q.groupNames();
        return Multi.createFrom().item(KpiCsv.BOM + KpiCsv.header(names))
                .onCompletion().switchTo(Multi.createFrom().iterable(sortedKeys(q, rows))
                        .map(key -> KpiCsv.line(names, row(names, key, rows.byKey.get(key)))));
    }

    private Uni<KpiRows> read(KpiQuery q, Caller caller) {
        if (q.hall() != null && !caller.supervises(q.hall())) {
            throw ProblemException.forbidden("this token may not read the reports of hall '" + q.hall() + "'");
        }
        return halls(q, caller)
                .chain(halls -> gate.run(() -> {
                    KpiRows rows = new KpiRows();
                    return store.read(q, halls, clocks.now(), rows).map(ignored -> ungrouped(q, rows))
                            .ifNoItem().after(config.statementTimeout()).failWith(() -> KpiStore.tooLong(config));
                }));
    }

    /** A report grouped by nothing has one row, counted or not, and its percentiles are the whole's. */
    static KpiRows ungrouped(KpiQuery q, KpiRows rows) {
        if (q.groupBy().isEmpty()) {
            rows.byKey.computeIfAbsent(List.of(), k -> new KpiSums()).percentilesOf(rows.whole);
        }
        return rows;
    }

    private Uni<List<String>> halls(KpiQuery q, Caller caller) {
        if (q.hall() != null) {
            return Uni.createFrom().item(List.of(q.hall()));
        }
        if (caller.has(Roles.ADMIN) || caller.halls().contains(Roles.ALL_HALLS)) {
            return pool.preparedQuery(ALL_HALLS).execute().map(rows -> {
                List<String> halls = new ArrayList<>();
                rows.forEach(r -> halls.add(r.getString(0)));
                return halls;
            });
        }
        return Uni.createFrom().item(caller.halls());
    }

    static KpiReport answer(KpiQuery q, KpiRows sums) {
        List<String> names = q.groupNames();
        List<KpiReport.Row> rows = new ArrayList<>();
        KpiSums total = new KpiSums();
        for (List<String> key : sortedKeys(q, sums)) {
            KpiSums s = sums.byKey.get(key);
            total.add(s);
            rows.add(row(names, key, s));
        }
        total.percentilesOf(sums.whole);
        return new KpiReport(q.from(), q.to(), names, rows, Kpis.of(total));
    }

    static List<List<String>> sortedKeys(KpiQuery q, KpiRows sums) {
        List<List<String>> keys = new ArrayList<>(sums.byKey.keySet());
        keys.sort(keyOrder(q.groupBy()));
        return keys;
    }

    static KpiReport.Row row(List<String> names, List<String> key, KpiSums s) {
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            named.put(names.get(i), key.get(i));
        }
        KpiReport.Blocks b = Kpis.of(s);
        return new KpiReport.Row(named, b.tickets(), b.cases(), b.ratings(), b.windows(), b.appointments());
    }

    /**
     * Keys in order, a missing value (no item, no window) last; windows by number, every other key as
     * text (an all-digit item code may be longer than any number type).
     */
    static Comparator<List<String>> keyOrder(List<GroupBy> groupBy) {
        return (a, b) -> {
            for (int i = 0; i < a.size(); i++) {
                int c = compare(a.get(i), b.get(i), groupBy.get(i) == GroupBy.WINDOW);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    private static int compare(String x, String y, boolean numbers) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : 1) : -1;
        }
        return numbers ? Long.compare(Long.parseLong(x), Long.parseLong(y)) : x.compareTo(y);
    }
}
