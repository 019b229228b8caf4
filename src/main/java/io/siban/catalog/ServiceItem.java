package io.siban.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.siban.catalog.dto.ItemRequest;
import io.siban.catalog.dto.ItemView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A service item as stored; the item ⇄ entity mapping ({@link #create}, {@link #apply}, {@link #toView}) is written
 * here once, the limit columns through {@link Limit#stored}. Only {@link ItemStore} queries it.
 */
@Entity
@Table(name = "service_item")
public class ServiceItem extends PanacheEntityBase {
    @Id
    public String code;
    public String name;
    public String department;
    @Enumerated(EnumType.STRING)
    public Level level;
    @Enumerated(EnumType.STRING)
    public Category category;
    @Column(name = "committed_days")
    public Integer committedDays;
    @Column(name = "committed_seconds")
    public Long committedSeconds;
    @Column(name = "statutory_days")
    public Integer statutoryDays;
    @Column(name = "statutory_seconds")
    public Long statutorySeconds;
    @Column(name = "local_stage_days")
    public Integer localStageDays;
    @Column(name = "required_documents")
    public String[] requiredDocuments;
    @Column(name = "online_capable")
    public boolean onlineCapable;
    @Column(name = "queue_code")
    public String queueCode;
    @Column(name = "daily_quota")
    public Integer dailyQuota;
    @Column(name = "warning_threshold_seconds")
    public Long warningThresholdSeconds;
    @Column(name = "tolerates_missing_documents")
    public boolean toleratesMissingDocuments;
    @Version
    public long version;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    static ServiceItem create(ItemRequest request, OffsetDateTime now) {
        ServiceItem item = new ServiceItem();
        item.code = request.code();
        item.createdAt = now;
        item.apply(request, now);
        return item;
    }

    /** Copies a validated request (defaults applied) onto this item. */
    void apply(ItemRequest request, OffsetDateTime now) {
        name = request.name();
        department = request.department();
        level = request.level();
        category = request.category();
        committedDays = days(request.committedLimit());
        committedSeconds = seconds(request.committedLimit());
        statutoryDays = days(request.statutoryLimit());
        statutorySeconds = seconds(request.statutoryLimit());
        localStageDays = days(request.localStageLimit());
        requiredDocuments = request.requiredDocuments().toArray(String[]::new);
        onlineCapable = request.onlineCapable();
        queueCode = request.queueCode();
        dailyQuota = request.dailyQuota();
        warningThresholdSeconds = request.warningThreshold() == null ? null : request.warningThreshold().getSeconds();
        toleratesMissingDocuments = Boolean.TRUE.equals(request.toleratesMissingDocuments());
        updatedAt = now;
    }

    public Limit committedLimit() {
        return Limit.stored(committedDays, committedSeconds);
    }

    public Limit statutoryLimit() {
        return Limit.stored(statutoryDays, statutorySeconds);
    }

    public ItemView toView() {
        return new ItemView(code, name, department, level, category, committedLimit(), statutoryLimit(),
                Limit.stored(localStageDays, null),
                requiredDocuments == null ? List.of() : List.of(requiredDocuments), onlineCapable, queueCode, dailyQuota,
                warningThresholdSeconds == null ? null : Duration.ofSeconds(warningThresholdSeconds),
                toleratesMissingDocuments, version, updatedAt);
    }

    private static Integer days(Limit limit) {
        return limit == null ? null : limit.storedDays();
    }

    private static Long seconds(Limit limit) {
        return limit == null ? null : limit.storedSeconds();
    }
}
