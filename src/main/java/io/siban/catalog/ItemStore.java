package io.siban.catalog;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.siban.catalog.dto.ItemRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The repository of service items: every query of the catalogue, run in the session or transaction
 * of the calling {@link CatalogService} method. Items go in and out as {@link ServiceItem}s, mapped there.
 */
@ApplicationScoped
public class ItemStore {
    /** Tickets and cases keep the item code as plain text (no foreign key), so their use is looked up. */
    static final String USED_BY = """
            select case when exists (select 1 from ticket where item_code = :code) then 'tickets'
                        when exists (select 1 from service_case where item_code = :code) then 'cases'
                        else '' end""";
    static final String SUMMARY = "select i.department, i.category, i.onlineCapable, count(i) from ServiceItem i "
            + "group by i.department, i.category, i.onlineCapable";

    /** The item, or null. */
    public Uni<ServiceItem> find(String code) {
        return ServiceItem.findById(code);
    }

    public Uni<ServiceItem> insert(ItemRequest item, OffsetDateTime now) {
        return ServiceItem.create(item, now).persist();
    }

    /** Writes the changes of the current transaction now, so the version the caller answers with is the new one. */
    public Uni<Void> flush() {
        return Panache.getSession().chain(session -> session.flush());
    }

    /** What uses the item: "tickets", "cases", or "" when nothing does. */
    public Uni<String> usedBy(String code) {
        return Panache.getSession().chain(session -> session.createNativeQuery(USED_BY, String.class)
                .setParameter("code", code).getSingleResult());
    }

    public Uni<Boolean> delete(String code) {
        return ServiceItem.deleteById(code);
    }

    /** One page of the items that match, ordered by code, and how many match in all. */
    public Uni<Found> search(Category category, String department, String q, int page, int size) {
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
        return query.list().chain(items -> query.count().map(total -> new Found(items, total)));
    }

    public record Found(List<ServiceItem> items, long total) {
    }

    /** Rows of (department, category, online capable, count). */
    public Uni<List<Object[]>> summaryRows() {
        return Panache.getSession().chain(session -> session.createSelectionQuery(SUMMARY, Object[].class).getResultList());
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
