package io.siban.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The business meters on {@code /q/metrics}, named as the API contract names them. Labels are
 * configuration (hall and queue codes, calendar ids) or enums (channel, category, card), never a
 * ticket, case or person. Counters and histograms count on the instance that saw the event, so a
 * fleet's total is their sum; gauges hold a value read from a shared source (PostgreSQL or the
 * Redis SLA counters), so every instance exports the same figure: aggregate them with max, not sum.
 */
@ApplicationScoped
public class BusinessMeters {
    /** Wait buckets: one minute to two hours, fine around the 15-minute target. */
    static final Duration[] WAIT_BUCKETS = seconds(60, 120, 180, 300, 420, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200);
    /** Service buckets: thirty seconds to an hour. */
    static final Duration[] SERVICE_BUCKETS = seconds(30, 60, 120, 180, 300, 450, 600, 900, 1200, 1800, 3600);

    /** The cards a count of open cases is split by: "none" is green. */
    public static final String[] CARDS = {"none", "yellow", "red", "legal_breach"};

    @Inject
    MeterRegistry registry;

    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    /** A ticket was issued in the hall through the channel (KIOSK, MOBILE, APPOINTMENT). */
    public void issued(String hall, String channel) {
        issuedCounter(hall, channel).increment();
    }

    /** Makes the hall's issue counters exist at zero (a hall that issues nothing is what the dead-kiosk alert looks for). */
    public void issuedCounter(String hall, Iterable<String> channels) {
        channels.forEach(channel -> issuedCounter(hall, channel));
    }

    private Counter issuedCounter(String hall, String channel) {
        return Counter.builder("siban.tickets.issued").description("tickets issued")
                .tags("hall", hall, "channel", label(channel)).register(registry);
    }

    /** A ticket of the queue was called after waiting so long since its issue. */
    public void waited(String hall, String queue, long seconds) {
        Timer.builder("siban.ticket.wait").description("wait from issue to call")
                .tags("hall", hall, "queue", queue).serviceLevelObjectives(WAIT_BUCKETS)
                .register(registry).record(Duration.ofSeconds(Math.max(0, seconds)));
    }

    /** A ticket was served in so long (start to finish). */
    public void served(String hall, long seconds) {
        Timer.builder("siban.ticket.service").description("service time from start to finish")
                .tags("hall", hall).serviceLevelObjectives(SERVICE_BUCKETS)
                .register(registry).record(Duration.ofSeconds(Math.max(0, seconds)));
    }

    /** A case of the category (IMMEDIATE …) was closed (approved or rejected), at or before its committed due or after it. */
    public void closed(String hall, String category, boolean onTime) {
        Counter.builder("siban.cases.closed").description("cases closed (办结)")
                .tags("hall", hall, "category", label(category), "on_time", Boolean.toString(onTime)).register(registry).increment();
    }

    /** The hall's open cases of the category that show the card (one of {@link #CARDS}). */
    public void casesOpen(String hall, String category, String card, long count) {
        gauge("siban.cases.open", "open cases by card", Tags.of("hall", hall, "category", label(category), "card", card)).set(count);
    }

    /** The hall's rectifications of bad ratings past a due they have not met (contact or rectify). */
    public void rectificationsOverdue(String hall, long count) {
        gauge("siban.rectifications.overdue", "rectifications of bad ratings past their contact or rectify due", Tags.of("hall", hall)).set(count);
    }

    /** Days from today through the last confirmed day of the calendar (see {@link ConfirmedDays}). */
    public void calendarConfirmedDays(String calendar, long days) {
        gauge("siban.calendar.confirmed.days", "days from today through the calendar's last confirmed year", Tags.of("calendar", calendar)).set(days);
    }

    /** 1 while the hall is in office hours with a window open, else 0. */
    public void hallOpen(String hall, boolean open) {
        gauge("siban.hall.open", "1 while the hall is in office hours with at least one window open", Tags.of("hall", hall)).set(open ? 1 : 0);
    }

    private AtomicLong gauge(String name, String description, Tags tags) {
        return gauges.computeIfAbsent(name + tags, key -> {
            AtomicLong value = new AtomicLong();
            io.micrometer.core.instrument.Gauge.builder(name, value, AtomicLong::doubleValue).strongReference(true).description(description)
                    .tags(tags).register(registry);
            return value;
        });
    }

    /** Enum names as lower-case label values; an absent one (an event written before the field existed) is "unknown". */
    static String label(String value) {
        return value == null ? "unknown" : value.toLowerCase(Locale.ROOT);
    }

    private static Duration[] seconds(long... values) {
        Duration[] buckets = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            buckets[i] = Duration.ofSeconds(values[i]);
        }
        return buckets;
    }
}
