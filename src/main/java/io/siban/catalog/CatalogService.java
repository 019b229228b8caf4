package io.siban.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.siban.catalog.dto.CatalogSummary;
import io.siban.catalog.dto.ImportResult;
import io.siban.catalog.dto.ItemRequest;
import io.siban.catalog.dto.ItemView;
import io.siban.common.Clocks;
import io.siban.common.web.PageResult;
import io.siban.common.problem.Problem.Violation;
import io.siban.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@ApplicationScoped
public class CatalogService {
    @Inject
    Clocks clocks;
    @Inject
    ObjectMapper json;
    @Inject
    ItemStore items;

    @WithTransaction
    public Uni<ItemView> create(ItemRequest request) {
        ItemRequest item = ItemRules.validated(request);
        return items.find(item.code())
                .onItem().ifNotNull().failWith(() -> ProblemException.duplicate("item", item.code()))
                .chain(() -> items.insert(item, clocks.now()))
                .map(ServiceItem::toView);
    }

    @WithTransaction
    public Uni<ItemView> replace(String code, ItemRequest request) {
        if (request != null && request.code() != null && !request.code().equals(code)) {
            throw ProblemException.invalid("code", "must match the code in the path ('" + code + "')");
        }
        ItemRequest item = ItemRules.validated(request == null ? null : request.withCode(code));
        return items.find(code)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("item", code))
                .invoke(existing -> existing.apply(item, clocks.now()))
                .call(existing -> items.flush())
                .map(ServiceItem::toView);
    }

    @WithSession
    public Uni<ItemView> get(String code) {
        return items.find(code)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("item", code))
                .map(ServiceItem::toView);
    }

    @WithTransaction
    public Uni<Void> delete(String code) {
        return items.usedBy(code)
                .invoke(usedBy -> {
                    if (!usedBy.isEmpty()) {
                        throw ProblemException.conflict("item '" + code + "' is used by " + usedBy
                                + " and cannot be deleted; it stays in the catalogue");
                    }
                })
                .chain(() -> items.delete(code))
                .invoke(deleted -> {
                    if (!deleted) {
                        throw ProblemException.notFound("item", code);
                    }
                })
                .replaceWithVoid();
    }

    @WithSession
    public Uni<PageResult<ItemView>> search(Category category, String department, String q, int page, int size) {
        return items.search(category, department, q, page, size)
                .map(found -> new PageResult<>(found.items().stream().map(ServiceItem::toView).toList(), page, size, found.total()));
    }

    @WithSession
    public Uni<CatalogSummary> summary() {
        return items.summaryRows().map(CatalogService::summarise);
    }

    static CatalogSummary summarise(List<Object[]> rows) {
        Map<Category, Long> byCategory = emptyCounts();
        Map<String, DepartmentTally> departments = new TreeMap<>();
        long total = 0;
        long online = 0;
        for (Object[] row : rows) {
            String department = (String) row[0];
            Category category = (Category) row[1];
            boolean onlineCapable = (Boolean) row[2];
            long count = ((Number) row[3]).longValue();
            total += count;
            byCategory.merge(category, count, Long::sum);
            DepartmentTally tally = departments.computeIfAbsent(department, d -> new DepartmentTally());
            tally.total += count;
            tally.byCategory.merge(category, count, Long::sum);
            if (onlineCapable) {
                online += count;
                tally.online += count;
            }
        }
        List<CatalogSummary.DepartmentCount> byDepartment = new ArrayList<>();
        departments.forEach((name, tally) ->
                byDepartment.add(new CatalogSummary.DepartmentCount(name, tally.total, tally.byCategory, tally.online)));
        double share = total == 0 ? 0.0 : (double) online / total;
        return new CatalogSummary(total, byCategory, byDepartment, online, share);
    }

    /** Upserts every valid row in one transaction; invalid rows are reported and skipped. */
    @WithTransaction
    public Uni<ImportResult> importRows(List<ImportRow> rows) {
        List<ImportResult.RejectedRow> rejections = new ArrayList<>();
        List<ItemRequest> valid = new ArrayList<>();
        for (ImportRow row : rows) {
            ItemRequest item = row.item();
            List<Violation> violations = row.error() != null ? List.of(row.error()) : ItemRules.violations(item);
            if (violations.isEmpty()) {
                valid.add(ItemRules.validated(item));
            } else {
                rejections.add(new ImportResult.RejectedRow(row.number(), item == null ? row.code() : item.code(), violations));
            }
        }
        int[] counts = new int[2];
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ItemRequest item : valid) {
            chain = chain.chain(() -> items.find(item.code()).chain(existing -> {
                if (existing == null) {
                    counts[0]++;
                    return items.insert(item, clocks.now()).replaceWithVoid();
                }
                counts[1]++;
                existing.apply(item, clocks.now());
                return Uni.createFrom().voidItem();
            }));
        }
        return chain.map(ignored -> new ImportResult(counts[0], counts[1], rejections.size(), rejections));
    }

    /** One row of an import: the parsed item, or why it could not be parsed. */
    public record ImportRow(int number, String code, ItemRequest item, Violation error) {
    }

    public ImportRow parseJsonRow(int number, JsonNode node) {
        String code = node != null && node.hasNonNull("code") ? node.get("code").asText() : null;
        try {
            return new ImportRow(number, code, json.treeToValue(node, ItemRequest.class), null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()
                    ? mapping.getPath().get(0).getFieldName() : "row";
            return new ImportRow(number, code, null, new Violation(field == null ? "row" : field, "unreadable value"));
        }
    }

    private static Map<Category, Long> emptyCounts() {
        Map<Category, Long> counts = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            counts.put(c, 0L);
        }
        return counts;
    }

    private static final class DepartmentTally {
        long total;
        long online;
        final Map<Category, Long> byCategory = emptyCounts();
    }
}
