package io.siban.catalog;

import io.siban.catalog.dto.ItemRequest;
import io.siban.common.problem.Problem.Violation;
import io.siban.common.problem.ProblemException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a catalogue item must keep, category by category. Pure: returns the item with its
 * defaults applied, or throws a 400 problem listing every violation at once.
 */
public final class ItemRules {
    public static final Duration DEFAULT_IMMEDIATE_LIMIT = Duration.ofMinutes(30);
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern QUEUE_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    static final int MAX_TEXT = 200;
    static final int MAX_DOCUMENTS = 100;
    static final int MAX_WORKING_DAYS = 3650;
    static final Duration MAX_DURATION = Duration.ofDays(365);

    private ItemRules() {
    }

    public static ItemRequest validated(ItemRequest item) {
        List<Violation> violations = violations(item);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return withDefaults(item);
    }

    public static List<Violation> violations(ItemRequest item) {
        List<Violation> v = new ArrayList<>();
        if (item == null) {
            v.add(new Violation("body", "an item is required"));
            return v;
        }
        if (item.code() == null || !CODE.matcher(item.code()).matches()) {
            v.add(new Violation("code", "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        text(v, "name", item.name());
        text(v, "department", item.department());
        if (item.level() == null) {
            v.add(new Violation("level", "is required"));
        }
        if (item.category() == null) {
            v.add(new Violation("category", "is required"));
        }
        if (item.onlineCapable() == null) {
            v.add(new Violation("onlineCapable", "is required"));
        }
        limitShape(v, "committedLimit", item.committedLimit());
        limitShape(v, "statutoryLimit", item.statutoryLimit());
        limitShape(v, "localStageLimit", item.localStageLimit());
        if (item.statutoryLimit() == null) {
            v.add(new Violation("statutoryLimit", "is required"));
        }
        if (item.category() != null) {
            categoryRules(v, item);
        }
        documents(v, item.requiredDocuments());
        if (item.queueCode() != null && !QUEUE_CODE.matcher(item.queueCode()).matches()) {
            v.add(new Violation("queueCode", "must be 1-32 letters, digits, '_' or '-'"));
        }
        if (item.dailyQuota() != null && item.dailyQuota() < 1) {
            v.add(new Violation("dailyQuota", "must be at least 1 when given"));
        }
        if (item.warningThreshold() != null
                && (item.warningThreshold().isNegative() || item.warningThreshold().isZero()
                || item.warningThreshold().compareTo(MAX_DURATION) > 0)) {
            v.add(new Violation("warningThreshold", "must be a positive duration of at most 365 days"));
        }
        return v;
    }

    private static void categoryRules(List<Violation> v, ItemRequest item) {
        Limit committed = effectiveCommitted(item);
        switch (item.category()) {
            case IMMEDIATE -> {
                if (committed != null && committed.isDays()) {
                    v.add(new Violation("committedLimit", "an IMMEDIATE item is finished on the spot: give a duration such as PT30M"));
                }
            }
            case SAME_DAY -> {
                if (committed != null && !(committed.isDays() && committed.workingDays() == 1)) {
                    v.add(new Violation("committedLimit", "a SAME_DAY item is due within 1 working day"));
                }
            }
            case TIME_LIMITED, PROXY -> {
                if (committed == null) {
                    v.add(new Violation("committedLimit", "is required for " + item.category()));
                } else if (!committed.isDays()) {
                    v.add(new Violation("committedLimit", item.category() + " limits are counted in working days"));
                }
            }
        }
        if (item.localStageLimit() != null) {
            if (item.category() != Category.PROXY) {
                v.add(new Violation("localStageLimit", "only PROXY items have a local stage"));
            } else if (!item.localStageLimit().isDays()) {
                v.add(new Violation("localStageLimit", "is counted in working days"));
            } else if (committed != null && committed.isDays()
                    && item.localStageLimit().workingDays() >= committed.workingDays()) {
                v.add(new Violation("localStageLimit", "must be shorter than the committed limit"));
            }
        }
        Limit statutory = item.statutoryLimit();
        if (committed != null && statutory != null && validShape(committed) && validShape(statutory)
                && committed.nominalSeconds() > statutory.nominalSeconds()) {
            v.add(new Violation("committedLimit", "must not exceed the statutory limit (" + statutory + ")"));
        }
    }

    /** The committed limit with the category default applied (IMMEDIATE 30 minutes, SAME_DAY 1 day). */
    static Limit effectiveCommitted(ItemRequest item) {
        if (item.committedLimit() != null) {
            return item.committedLimit();
        }
        if (item.category() == Category.IMMEDIATE) {
            return Limit.of(DEFAULT_IMMEDIATE_LIMIT);
        }
        if (item.category() == Category.SAME_DAY) {
            return Limit.days(1);
        }
        return null;
    }

    private static ItemRequest withDefaults(ItemRequest item) {
        List<String> documents = item.requiredDocuments() == null ? List.of()
                : item.requiredDocuments().stream().map(String::trim).toList();
        return new ItemRequest(item.code(), item.name().trim(), item.department().trim(), item.level(), item.category(),
                effectiveCommitted(item), item.statutoryLimit(), item.localStageLimit(), documents,
                item.onlineCapable(), item.queueCode(), item.dailyQuota(), item.warningThreshold(),
                Boolean.TRUE.equals(item.toleratesMissingDocuments()));
    }

    private static void text(List<Violation> v, String field, String value) {
        if (value == null || value.isBlank()) {
            v.add(new Violation(field, "must not be blank"));
        } else if (value.length() > MAX_TEXT) {
            v.add(new Violation(field, "must be at most " + MAX_TEXT + " characters"));
        }
    }

    private static void limitShape(List<Violation> v, String field, Limit limit) {
        if (limit != null && !validShape(limit)) {
            v.add(new Violation(field, limit.isDays()
                    ? "workingDays must be between 1 and " + MAX_WORKING_DAYS
                    : "duration must be positive and at most 365 days"));
        }
    }

    private static boolean validShape(Limit limit) {
        if (limit.isDays()) {
            return limit.workingDays() >= 1 && limit.workingDays() <= MAX_WORKING_DAYS;
        }
        Duration d = limit.duration();
        return d != null && !d.isNegative() && !d.isZero() && d.compareTo(MAX_DURATION) <= 0;
    }

    private static void documents(List<Violation> v, List<String> documents) {
        if (documents == null) {
            return;
        }
        if (documents.size() > MAX_DOCUMENTS) {
            v.add(new Violation("requiredDocuments", "at most " + MAX_DOCUMENTS + " documents"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < documents.size(); i++) {
            String doc = documents.get(i);
            if (doc == null || doc.isBlank() || doc.length() > MAX_TEXT) {
                v.add(new Violation("requiredDocuments[" + i + "]", "must be a non-blank name of at most " + MAX_TEXT + " characters"));
            } else if (!seen.add(doc.trim())) {
                v.add(new Violation("requiredDocuments[" + i + "]", "'" + doc + "' is listed twice"));
            }
        }
    }
}
