package io.siban.sla.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Test fixtures: the shipped official China 2025–2026 calendar and Shanghai wall-clock instants. */
public final class ChinaCalendars {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String RESOURCE = "/calendars/china-calendar-2025-2026.json";

    /** Holidays and make-up days of one year, as shipped. */
    record OfficialYear(Set<LocalDate> holidays, Set<LocalDate> workdays) {
    }

    private static final Map<Integer, OfficialYear> YEARS = load();
    private static final WorkingCalendar CHINA = WorkingCalendar.of(definition());

    private ChinaCalendars() {
    }

    /** Asia/Shanghai, Mon–Fri 09:00–12:00 and 13:00–17:00, the shipped 2025–2026 holidays and make-up days. */
    public static WorkingCalendar china() {
        return CHINA;
    }

    public static CalendarDefinition definition() {
        Set<LocalDate> holidays = new TreeSet<>();
        Set<LocalDate> workdays = new TreeSet<>();
        YEARS.values().forEach(year -> {
            holidays.addAll(year.holidays());
            workdays.addAll(year.workdays());
        });
        return CalendarDefinition.chinaServiceHall(holidays, workdays);
    }

    public static Map<Integer, OfficialYear> officialYears() {
        return YEARS;
    }

    /** A Shanghai wall-clock time, e.g. {@code at("2026-10-09T15:00")}. */
    public static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    private static Map<Integer, OfficialYear> load() {
        try (InputStream in = ChinaCalendars.class.getResourceAsStream(RESOURCE)) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<Integer, OfficialYear> years = new TreeMap<>();
            root.get("years").fields().forEachRemaining(entry -> years.put(Integer.parseInt(entry.getKey()),
                    new OfficialYear(dates(entry.getValue().get("holidays")), dates(entry.getValue().get("workdays")))));
            return years;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<LocalDate> dates(JsonNode array) {
        Set<LocalDate> dates = new TreeSet<>();
        array.forEach(node -> dates.add(LocalDate.parse(node.asText())));
        return dates;
    }
}
