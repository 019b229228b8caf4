package io.siban.cases.sla;

import io.siban.cases.CaseChannel;
import io.siban.cases.sla.dto.SlaCounts;
import io.siban.cases.sla.dto.SlaSummary;
import io.siban.cases.sla.dto.SlaWindow;
import io.siban.catalog.Category;
import io.siban.common.Clocks;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live SLA summary of some halls: the open cases from the SLA counters (Redis, recounted from
 * PostgreSQL), split by category, department, channel and intake window; and each window's tickets
 * of the hall-local day, read from PostgreSQL (a few rows per window through the window indexes).
 */
@ApplicationScoped
public class SlaSummaries {
    /** A window's tickets today. */
    record WindowToday(int window, String name, String nowServing, long servedToday, Long averageServiceSeconds) {
    }

    /**
     * Each window of hall $1 at instant $2: the ticket called or served there now, and the tickets
     * it served on the hall-local day (tickets are called on their service day, so the lower bound
     * on called_at lets the window's call index serve).
     */
    static final String WINDOWS_TODAY = """
            select w.number, w.name,
                   (select t.number from ticket t where t.hall_code = w.hall_code and t.window_number = w.number
                      and t.status in ('CALLED', 'SERVING') and t.service_date = d.today
                    order by t.called_at desc limit 1) as now_serving,
                   count(s.id) as served_today,
                   round(avg(extract(epoch from s.finished_at - s.started_at)))::bigint as average_service
            from hall_window w
            join hall h on h.code = w.hall_code
            join calendar c on c.id = h.calendar_id
            cross join lateral (select ($2::timestamptz at time zone c.timezone)::date as today) d
            left join ticket s on s.hall_code = w.hall_code and s.window_number = w.number and s.status = 'DONE'
                 and s.service_date = d.today and s.called_at >= (d.today::timestamp at time zone c.timezone)
            where w.hall_code = $1
            group by w.hall_code, w.number, w.name, d.today
            order by w.number""";

    @Inject
    SlaCounters counters;
    @Inject
    Pool pool;
    @Inject
    Clocks clocks;

    /** The summary of the halls, counting only the department's cases when one is given. */
    public Uni<SlaSummary> of(List<String> halls, String department) {
        Map<String, List<SlaCounters.Line>> lines = new LinkedHashMap<>();
        Map<String, List<WindowToday>> windows = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String hall : halls) {
            chain = chain.chain(() -> counters.of(hall).invoke(found -> lines.put(hall, found)))
                    .chain(() -> windowsToday(hall).invoke(found -> windows.put(hall, found)))
                    .replaceWithVoid();
        }
        return chain.map(ignored -> fold(lines, windows, department));
    }

    private Uni<List<WindowToday>> windowsToday(String hall) {
        return pool.preparedQuery(WINDOWS_TODAY).execute(Tuple.of(hall, clocks.now())).map(rows -> {
            List<WindowToday> found = new ArrayList<>();
            for (Row r : rows) {
                found.add(new WindowToday(r.getInteger("number"), r.getString("name"), r.getString("now_serving"),
                        r.getLong("served_today"), r.getLong("average_service")));
            }
            return found;
        });
    }

    /**
     * Adds the halls' counter lines up by category, department, channel and window (every category and
     * channel present, at zero when empty; every configured window, and any window that still has open
     * cases), with each window's tickets of today.
     */
    static SlaSummary fold(Map<String, List<SlaCounters.Line>> linesByHall, Map<String, List<WindowToday>> windowsByHall,
                           String department) {
        SlaCounts total = SlaCounts.ZERO;
        Map<Category, SlaCounts> byCategory = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            byCategory.put(c, SlaCounts.ZERO);
        }
        Map<CaseChannel, SlaCounts> byChannel = new EnumMap<>(CaseChannel.class);
        for (CaseChannel c : CaseChannel.values()) {
            byChannel.put(c, SlaCounts.ZERO);
        }
        Map<String, SlaCounts> byDepartment = new TreeMap<>();
        Map<String, Map<Integer, SlaCounts>> byWindow = new TreeMap<>();
        for (Map.Entry<String, List<SlaCounters.Line>> hall : linesByHall.entrySet()) {
            Map<Integer, SlaCounts> windows = byWindow.computeIfAbsent(hall.getKey(), h -> new TreeMap<>());
            for (SlaCounters.Line line : hall.getValue()) {
                if (department != null && !department.equals(line.department())) {
                    continue;
                }
                SlaCounts counts = new SlaCounts(line.open(), line.paused(), line.yellow(), line.red(), line.legalBreach());
                total = total.plus(counts);
                byCategory.merge(line.category(), counts, SlaCounts::plus);
                byDepartment.merge(line.department(), counts, SlaCounts::plus);
                byChannel.merge(line.channel(), counts, SlaCounts::plus);
                if (line.window() != null) {
                    windows.merge(line.window(), counts, SlaCounts::plus);
                }
            }
        }
        List<SlaWindow> windowList = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, SlaCounts>> hall : byWindow.entrySet()) {
            Map<Integer, WindowToday> today = new TreeMap<>();
            windowsByHall.getOrDefault(hall.getKey(), List.of()).forEach(w -> today.put(w.window(), w));
            Map<Integer, SlaCounts> counted = new TreeMap<>(hall.getValue());
            today.keySet().forEach(number -> counted.putIfAbsent(number, SlaCounts.ZERO));
            counted.forEach((number, counts) -> {
                WindowToday t = today.get(number);
                windowList.add(new SlaWindow(hall.getKey(), number, t == null ? null : t.name(), counts.open(), counts.paused(),
                        counts.yellow(), counts.red(), counts.legalBreach(), t == null ? null : t.nowServing(),
                        t == null ? 0 : t.servedToday(), t == null ? null : t.averageServiceSeconds()));
            });
        }
        return new SlaSummary(total, byCategory, byDepartment, byChannel, windowList);
    }
}
