package io.siban.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siban.catalog.Category;
import io.siban.catalog.Limit;
import io.siban.sla.calendar.ChinaCalendars;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Test fixtures: the demo city hall's layout and the shipped demo catalogue, as the history is planned from them. */
final class DemoHalls {
    private DemoHalls() {
    }

    static HistoryInput city(LocalDate today, long seed) {
        List<HistoryInput.Queue> queues = List.of(new HistoryInput.Queue("A", "A"), new HistoryInput.Queue("B", "B"),
                new HistoryInput.Queue("C", "C"), new HistoryInput.Queue("D", "D"), new HistoryInput.Queue("E", "E"));
        List<List<String>> skills = List.of(List.of("A"), List.of("A"), List.of("B"), List.of("B"), List.of("C"), List.of("C"),
                List.of("D"), List.of("E"), List.of("A", "B", "C", "D", "E"), List.of("A", "B", "C", "D", "E"));
        List<HistoryInput.Window> windows = new ArrayList<>();
        for (int n = 1; n <= 10; n++) {
            windows.add(new HistoryInput.Window(n, skills.get(n - 1), DemoSeed.clerkOf(DemoSeed.CITY, n)));
        }
        return new HistoryInput(DemoSeed.CITY, queues, windows, items(), ChinaCalendars.china(), today, 90, seed,
                Duration.ofMinutes(10), Set.of(), 1, 15);
    }

    static List<HistoryInput.Item> items() {
        try (InputStream in = DemoHalls.class.getResourceAsStream("/demo/items.json")) {
            JsonNode all = new ObjectMapper().readTree(in);
            List<HistoryInput.Item> items = new ArrayList<>();
            for (JsonNode i : all) {
                Category category = Category.valueOf(i.get("category").asText());
                Limit committed = i.has("committedLimit") ? limit(i.get("committedLimit")) : Limit.days(1);
                List<String> documents = new ArrayList<>();
                if (i.has("requiredDocuments")) {
                    i.get("requiredDocuments").forEach(d -> documents.add(d.asText()));
                }
                items.add(new HistoryInput.Item(i.get("code").asText(), i.get("name").asText(), i.get("department").asText(), category,
                        committed, limit(i.get("statutoryLimit")),
                        i.has("localStageLimit") ? i.get("localStageLimit").get("workingDays").asInt() : null, null,
                        i.get("onlineCapable").asBoolean(), i.get("queueCode").asText(), documents));
            }
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Limit limit(JsonNode node) {
        return node.isTextual() ? Limit.of(Duration.parse(node.asText())) : Limit.days(node.get("workingDays").asInt());
    }
}
