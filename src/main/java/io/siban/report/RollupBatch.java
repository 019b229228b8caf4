package io.siban.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * What a numbered batch adds to the KPI rollups, as the document SQL function {@code kpi_count} (V17)
 * reads (and V21's {@code ratings}): the numbers each hall was given, issues counted per minute, the
 * tickets, cases and ratings whose facts changed, and window changes. Built from the fields read with the batch, so counting reads no event
 * back. A value that cannot be read (not a uuid, not a time) is left out rather than failing the count.
 */
final class RollupBatch {
    static final String TICKET_ID = "ticketId";
    static final String CASE_ID = "caseId";
    static final String AT = "at";
    static final String QUEUE = "queue";
    static final String ITEM = "item";
    static final String CHANNEL = "channel";
    static final String WINDOW = "window";
    static final String STATUS = "status";
    static final String RATING_ID = "ratingId";
    static final List<String> FIELDS = List.of(TICKET_ID, CASE_ID, AT, QUEUE, ITEM, CHANNEL, WINDOW, STATUS, RATING_ID);
    /** The events naming a rating whose facts change or may (as SQL {@code kpi_rating_event}, V21). */
    static final Set<String> RATING_EVENTS = Set.of("ticket.rated", "case.rated", "rating.bad", "rectification.moved",
            "rectification.card");

    private record Issue(String hall, Instant minute, String queue, String item, String channel) {
    }

    private final Map<String, long[]> halls = new LinkedHashMap<>();
    private final Map<Issue, Integer> issued = new LinkedHashMap<>();
    private final Set<List<String>> tickets = new LinkedHashSet<>();
    private final Set<List<String>> cases = new LinkedHashSet<>();
    private final Set<List<String>> finished = new LinkedHashSet<>();
    private final Set<List<String>> ratings = new LinkedHashSet<>();
    private final JsonArray windows = new JsonArray();

    /** Any numbered event of the batch, appended ones included: it takes its hall's number. */
    void numbered(String hall, long seq) {
        halls.merge(hall, new long[]{seq, seq}, (a, b) -> new long[]{Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }

    /** An event read with the batch, its payload fields by name. */
    void event(String hall, long seq, String type, Function<String, String> field) {
        if (RATING_EVENTS.contains(type)) {
            add(ratings, hall, field.apply(RATING_ID));
        }
        switch (type) {
            case "ticket.issued" -> {
                Instant at = instant(field.apply(AT));
                if (at != null) {
                    issued.merge(new Issue(hall, at.truncatedTo(ChronoUnit.MINUTES), field.apply(QUEUE), field.apply(ITEM),
                            field.apply(CHANNEL)), 1, Integer::sum);
                }
            }
            case "ticket.recalled" -> {
                // a recall changes no fact
            }
            case "case.moved", "sla.card" -> add(cases, hall, field.apply(CASE_ID));
            // an exclusion makes the rated ticket unrated; a case's facts hold no rating
            case "rectification.moved" -> add(tickets, hall, field.apply(TICKET_ID));
            case "window.status" -> {
                Integer window = number(field.apply(WINDOW));
                Instant at = instant(field.apply(AT));
                if (window != null && at != null) {
                    windows.add(new JsonObject().put("hall", hall).put("seq", seq).put(WINDOW, window)
                            .put(STATUS, field.apply(STATUS)).put(AT, at.toString()));
                }
            }
            default -> {
                if (type.startsWith("ticket.")) {
                    add(tickets, hall, field.apply(TICKET_ID));
                    if ("ticket.finished".equals(type)) {
                        add(finished, hall, field.apply(TICKET_ID));
                    }
                }
            }
        }
    }

    JsonObject document() {
        JsonArray hallArray = new JsonArray();
        halls.forEach((hall, range) -> hallArray.add(new JsonObject().put("hall", hall).put("first", range[0]).put("last", range[1])));
        JsonArray issues = new JsonArray();
        issued.forEach((i, n) -> issues.add(new JsonObject().put("hall", i.hall()).put(AT, i.minute().toString())
                .put(QUEUE, i.queue()).put(ITEM, i.item()).put(CHANNEL, i.channel()).put("n", n)));
        return new JsonObject().put("halls", hallArray).put("issued", issues).put("tickets", ids(tickets))
                .put("cases", ids(cases)).put("finished", ids(finished)).put("windows", windows).put("ratings", ids(ratings));
    }

    private static JsonArray ids(Set<List<String>> pairs) {
        JsonArray array = new JsonArray();
        pairs.forEach(p -> array.add(new JsonObject().put("hall", p.get(0)).put("id", p.get(1))));
        return array;
    }

    private static void add(Set<List<String>> into, String hall, String id) {
        if (id != null && uuid(id)) {
            into.add(List.of(hall, id));
        }
    }

    private static boolean uuid(String text) {
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            OffsetDateTime at = OffsetDateTime.parse(text);
            // this century only, as kpi_time reads it
            return at.getYear() >= 2000 && at.getYear() <= 2099 ? at.toInstant() : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Integer number(String text) {
        if (text == null || !text.matches("-?\\d{1,9}")) {
            return null;
        }
        return Integer.valueOf(text);
    }
}
