package io.siban.sla.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Seeds the default calendar from the shipped official China holiday arrangement, once. */
@ApplicationScoped
public class DefaultCalendarSeeder {
    private static final Logger LOG = Logger.getLogger(DefaultCalendarSeeder.class);
    static final String RESOURCE = "calendars/china-calendar-2025-2026.json";
    static final List<List<String>> OFFICE_HOURS = List.of(List.of("09:00", "12:00"), List.of("13:00", "17:00"));

    @Inject
    CalendarStore store;
    @Inject
    CalendarSettings settings;
    @Inject
    ObjectMapper json;
    @Inject
    io.siban.common.Clocks clocks;

    /** Halls name the default calendar, so it exists before the service takes its first request. */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (store.insertIfAbsentAtStartup(settings.defaultId(), chinaCalendar())) {
            LOG.infof("seeded calendar '%s' from %s", settings.defaultId(), RESOURCE);
        }
        // the lunar calendar's first use loads ICU's data: here, not in a request on the event loop
        int year = clocks.now().getYear();
        for (int y = year; y <= year + 2 && StatutoryHolidays.covers(y); y++) {
            StatutoryHolidays.of(y);
        }
    }

    /** The shipped arrangement with Monday–Friday 09:00–12:00 and 13:00–17:00 office hours. */
    public CalendarDocument chinaCalendar() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            JsonNode root = json.readTree(in);
            Set<LocalDate> holidays = new TreeSet<>();
            Set<LocalDate> workdays = new TreeSet<>();
            root.get("years").forEach(year -> {
                year.get("holidays").forEach(d -> holidays.add(LocalDate.parse(d.asText())));
                year.get("workdays").forEach(d -> workdays.add(LocalDate.parse(d.asText())));
            });
            Map<DayOfWeek, List<List<String>>> weekly = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
                weekly.put(day, OFFICE_HOURS);
            }
            return new CalendarDocument("中国大陆法定工作日 (2025–2026)", root.get("timezone").asText(), weekly, holidays, workdays, Map.of(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
