package io.siban.report;

import io.siban.common.Clocks;
import io.siban.common.problem.ProblemException;
import io.siban.report.dto.KpiReport;
import io.siban.security.Caller;
import io.siban.security.Roles;
import io.siban.sla.calendar.CalendarDefinition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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

    /** Today in the halls' zone: the default end of a period. */
    public LocalDate today() {
        return clocks.now().atZoneSameInstant(CalendarDefinition.CHINA_ZONE).toLocalDate();
    }

    /**
     * The report; a hall the caller does not supervise is refused (403) before anything is read, so a
     * streamed answer never starts for it.
     */
    public Uni<KpiReport> report(KpiQuery q, Caller caller) {
        if (q.hall() != null && !caller.supervises(q.hall())) {
            throw ProblemException.forbidden("this token may not read the reports of hall '" + q.hall() + "'");
        }
        return halls(q, caller).chain(halls -> {
            Map<List<String>, KpiSums> rows = new HashMap<>();
            return store.read(q, halls, clocks.now(), rows).map(ignored -> answer(q, rows));
        });
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

    static KpiReport answer(KpiQuery q, Map<List<String>, KpiSums> sums) {
        List<String> names = q.groupNames();
        List<List<String>> keys = new ArrayList<>(sums.keySet());
        keys.sort(keyOrder(q.groupBy()));
        List<KpiReport.Row> rows = new ArrayList<>();
        KpiSums total = new KpiSums();
        for (List<String> key : keys) {
            KpiSums s = sums.get(key);
            total.add(s);
            Map<String, String> named = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                named.put(names.get(i), key.get(i));
            }
            KpiReport.Blocks b = Kpis.of(s);
            rows.add(new KpiReport.Row(named, b.tickets(), b.cases(), b.ratings(), b.windows()));
        }
        if (names.isEmpty() && rows.isEmpty()) {
            KpiReport.Blocks b = Kpis.of(total);
            rows.add(new KpiReport.Row(Map.of(), b.tickets(), b.cases(), b.ratings(), b.windows()));
        }
        return new KpiReport(q.from(), q.to(), names, rows, Kpis.of(total));
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
