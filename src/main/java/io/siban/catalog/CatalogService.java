package io.siban.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
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

    @WithTransaction
    public Uni<ItemView> create(ItemRequest request) {
        ItemRequest item = ItemRules.validated(request);
        return ServiceItem.<ServiceItem>findById(item.code())
                .onItem().ifNotNull().failWith(() -> ProblemException.duplicate("item", item.code()))
                .chain(() -> ServiceItem.create(item, clocks.now()).<ServiceItem>persist())
                .map(ServiceItem::toView);
    }

    @WithTransaction
    public Uni<ItemView> replace(String code, ItemRequest request) {
        if (request != null && request.code() != null && !request.code().equals(code)) {
            throw ProblemException.invalid("code", "must match the code in the path ('" + code + "')");
        }
        ItemRequest item = ItemRules.validated(request == null ? null : withCode(request, code));
        return ServiceItem.<ServiceItem>findById(code)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("item", code))
                .invoke(existing -> existing.apply(item, clocks.now()))
                .call(existing -> Panache.getSession().chain(session -> session.flush()))
                .map(ServiceItem::toView);
    }

    @WithSession
    public Uni<ItemView> get(String code) {
        return ServiceItem.<ServiceItem>findById(code)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("item", code))
                .map(ServiceItem::toView);
    }

    @WithTransaction
    public Uni<Void> delete(String code) {
        // tickets keep the item code as plain text (no foreign key), so their use is checked here
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                                select case when exists (select 1 from ticket where item_code = :code) then 'tickets'
                                            when exists (select 1 from service_case where item_code = :code) then 'cases'
                                            else '' end""", String.class)
                        .setParameter("code", code).getSingleResult())
                .invoke(usedBy -> {
                    if (!usedBy.isEmpty()) {
                        throw ProblemException.conflict("item '" + code + "' is used by " + usedBy
                                + " and cannot be deleted; it stays in the catalogue");
                    }
                })
                .chain(() -> ServiceItem.deleteById(code))
                .invoke(deleted -> {
                    if (!deleted) {
                        throw ProblemException.notFound("item", code);
                    }
                })
                .replaceWithVoid();
    }

    @WithSession
    public Uni<PageResult<ItemView>> search(Category category, String department, String q, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (category != null) {
            where.append(" and category = :category");
            params.and("category", category);
        }
        if (department != null && !department.isBlank()) {
            where.append(" and department = :department");
            params.and("department", department.trim());
        }
        if (q != null && !q.isBlank()) {
            where.append(" and (lower(code) like :q or lower(name) like :q)");
            params.and("q", "%" + likeEscaped(q.trim().toLowerCase()) + "%");
        }
        var query = ServiceItem.<ServiceItem>find(where.toString(), Sort.by("code"), params).page(Page.of(page, size));
        return query.list().chain(items -> query.count()
                .map(total -> new PageResult<>(items.stream().map(ServiceItem::toView).toList(), page, size, total)));
    }

    @WithSession
    public Uni<CatalogSummary> summary() {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("select i.department, i.category, i.onlineCapable, count(i) from ServiceItem i "
                        + "group by i.department, i.category, i.onlineCapable", Object[].class)
                .getResultList())
                .map(CatalogService::summarise);
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
            chain = chain.chain(() -> ServiceItem.<ServiceItem>findById(item.code()).chain(existing -> {
                if (existing == null) {
                    counts[0]++;
                    return ServiceItem.create(item, clocks.now()).persist().replaceWithVoid();
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

    private static ItemRequest withCode(ItemRequest r, String code) {
        return new ItemRequest(code, r.name(), r.department(), r.level(), r.category(), r.committedLimit(),
                r.statutoryLimit(), r.localStageLimit(), r.requiredDocuments(), r.onlineCapable(), r.queueCode(),
                r.dailyQuota(), r.warningThreshold(), r.toleratesMissingDocuments());
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
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
