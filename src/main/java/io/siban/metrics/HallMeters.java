package io.siban.metrics;

import io.siban.common.Clocks;
import io.siban.common.Sweep;
import io.siban.queue.Channel;
import io.siban.sla.calendar.CalendarStore;
import io.siban.sla.calendar.CalendarYears;
import io.siban.sla.calendar.WorkingCalendars;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The gauges read from the configuration in PostgreSQL at the metrics pace: whether each hall is
 * open (office hours of its calendar, and a window open), how far ahead each calendar is confirmed;
 * and each hall's issue counters, made to exist at zero so that a hall that issues nothing shows.
 */
@ApplicationScoped
public class HallMeters implements Sweep {
    /** Each hall, its calendar, and whether a window of it is open. */
    static final String HALLS = """
            select h.code, h.calendar_id,
                   exists (select 1 from hall_window w where w.hall_code = h.code and w.status = 'OPEN') as window_open
            from hall h order by h.code""";

    private static final List<String> CHANNELS = Arrays.stream(Channel.values()).map(Channel::name).toList();

    @Inject
    Pool pool;
    @Inject
    Clocks clocks;
    @Inject
    CalendarStore calendarStore;
    @Inject
    WorkingCalendars calendars;
    @Inject
    BusinessMeters meters;
    @Inject
    MetricsConfig config;

    private final GaugeRefresh pace = new GaugeRefresh();

    @Override
    public String name() {
        return "hall and calendar gauges";
    }

    @Override
    public Uni<Void> sweep() {
        return pace.atPace(config, this::refresh);
    }

    /** Reads every gauge of this class now. */
    public Uni<Void> refresh() {
        Instant now = clocks.now().toInstant();
        return pool.query(HALLS).execute()
                .chain(rows -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Row r : rows) {
                        String hall = r.getString("code");
                        boolean windowOpen = r.getBoolean("window_open");
                        meters.issuedCounter(hall, CHANNELS);
                        chain = chain.chain(() -> calendars.get(r.getString("calendar_id"))
                                .invoke(calendar -> meters.hallOpen(hall, windowOpen && calendar.isOfficeHours(now)))
                                .replaceWithVoid());
                    }
                    return chain;
                })
                .chain(calendarStore::listEffective)
                .invoke(stored -> stored.forEach(calendar -> {
                    LocalDate today = CalendarYears.today(calendar.effective(), now);
                    meters.calendarConfirmedDays(calendar.stored().id(),
                            ConfirmedDays.ofYears(CalendarYears.officialYears(calendar.effective()), today));
                }))
                .replaceWithVoid();
    }
}
