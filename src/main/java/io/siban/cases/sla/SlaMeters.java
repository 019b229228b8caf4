package io.siban.cases.sla;

import io.siban.catalog.Category;
import io.siban.common.Sweep;
import io.siban.metrics.BusinessMeters;
import io.siban.metrics.GaugeRefresh;
import io.siban.metrics.MetricsConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The gauge of open cases per hall, category and card, from the SLA counters at the metrics pace.
 * The counters are shared (Redis, recounted from PostgreSQL after each change), so every instance
 * exports the same figures, at most a refresh behind. Cards are exclusive: "none" is what is left
 * of the open cases after the yellow, red and legal-breach ones.
 */
@ApplicationScoped
public class SlaMeters implements Sweep {
    @Inject
    SlaCounters counters;
    @Inject
    BusinessMeters meters;
    @Inject
    MetricsConfig config;

    private final GaugeRefresh pace = new GaugeRefresh();

    @Override
    public String name() {
        return "open cases gauge";
    }

    @Override
    public Uni<Void> sweep() {
        return pace.atPace(config, this::refresh);
    }

    /** Reads every hall's counters now. */
    public Uni<Void> refresh() {
        return counters.halls().chain(halls -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String hall : halls) {
                chain = chain.chain(() -> counters.of(hall).invoke(lines -> export(hall, lines)).replaceWithVoid());
            }
            return chain;
        });
    }

    private void export(String hall, List<SlaCounters.Line> lines) {
        Map<Category, long[]> byCategory = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            byCategory.put(category, new long[BusinessMeters.CARDS.length]);
        }
        for (SlaCounters.Line line : lines) {
            long[] cards = byCategory.get(line.category());
            cards[0] += line.open() - line.yellow() - line.red() - line.legalBreach();
            cards[1] += line.yellow();
            cards[2] += line.red();
            cards[3] += line.legalBreach();
        }
        byCategory.forEach((category, cards) -> {
            for (int i = 0; i < cards.length; i++) {
                meters.casesOpen(hall, category.name(), BusinessMeters.CARDS[i], cards[i]);
            }
        });
    }
}
