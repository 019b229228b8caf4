package io.siban.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The 好差评 of a hall's history: a rating row for every rated ticket (the score and comment the ticket
 * row holds, dimensions for some), a rating for about a third of the cases closed in time to be rated
 * (一事一评, worse after a late close), and a rectification with its life for every bad one
 * ({@link HistoryRectifications}). Each rating's draws come from a {@link Random} seeded with the plan's
 * seed and the ticket's or case's id, so the tickets and cases are planned exactly as before and the
 * feedback depends on them and the seed only.
 */
final class HistoryFeedback {
    /** Share of closed cases whose applicant rates them. */
    static final double CASE_RATED = 0.35;
    /** Longest a case's rating comes after its close: inside the rating window (7 days by default). */
    static final long CASE_RATED_WITHIN_SECONDS = 5 * 24 * 3600;

    record Planned(List<HistoryRating> ratings, List<HistoryRectification> rectifications) {
    }

    private HistoryFeedback() {
    }

    static Planned plan(HistoryInput in, Instant cutoff, List<HistoryTicket> tickets, List<HistoryCase> cases) {
        Map<String, HistoryInput.Item> items = in.items().stream().collect(Collectors.toMap(HistoryInput.Item::code, Function.identity()));
        Map<UUID, Integer> windowOf = new HashMap<>();
        List<HistoryRating> ratings = new ArrayList<>();
        for (HistoryTicket t : tickets) {
            if (t.window() != null) {
                windowOf.put(t.id(), t.window());
            }
            if (t.rating() != null) {
                ratings.add(ofTicket(t, items.get(t.itemCode()), random(in, t.id())));
            }
        }
        for (HistoryCase c : cases) {
            Random random = random(in, c.id());
            if (c.closedAt() != null && random.nextDouble() < CASE_RATED) {
                Instant at = c.closedAt().plusSeconds(1_800 + (long) (random.nextDouble() * CASE_RATED_WITHIN_SECONDS));
                if (at.isBefore(cutoff)) {
                    ratings.add(ofCase(in, c, at, windowOf.getOrDefault(c.ticketId(), 0), random));
                }
            }
        }
        HistoryRectifications lives = new HistoryRectifications(in, cutoff);
        List<HistoryRating> stored = new ArrayList<>(ratings.size());
        List<HistoryRectification> rectifications = new ArrayList<>();
        for (HistoryRating r : ratings) {
            HistoryRectification rectification = r.bad() ? lives.of(r, random(in, r.id())) : null;
            if (rectification != null) {
                rectifications.add(rectification);
            }
            stored.add(rectification != null && rectification.excludedAt() != null ? r.excluded(rectification.excludedAt()) : r);
        }
        return new Planned(List.copyOf(stored), List.copyOf(rectifications));
    }

    private static Random random(HistoryInput in, UUID id) {
        return new Random(in.seed() * 7_919L + id.getMostSignificantBits() * 31 + id.getLeastSignificantBits());
    }

    /** Tied as the core ties it: to the clerk who called it, the window, the item's department and category, its case. */
    private static HistoryRating ofTicket(HistoryTicket t, HistoryInput.Item item, Random random) {
        UUID id = HistoryPlan.uuid(random);
        int[] dims = HistoryChoices.dimensions(t.rating(), random);
        return new HistoryRating(id, HistoryRating.TICKET, t.id(), t.caseId(), t.rating(), dim(dims, 0), dim(dims, 1), dim(dims, 2),
                dim(dims, 3), t.ratingComment(), t.ratedAt(), t.day(), t.clerk() == null ? "" : t.clerk(), t.window() == null ? 0 : t.window(),
                t.itemCode() == null ? "" : t.itemCode(), item == null ? "" : item.department(),
                item == null ? "" : item.category().name(), t.channel(), null);
    }

    /** Tied as the core ties it: to who took the case in (its creator), the window of its visit, its close date. */
    private static HistoryRating ofCase(HistoryInput in, HistoryCase c, Instant at, int window, Random random) {
        UUID id = HistoryPlan.uuid(random);
        int score = HistoryChoices.score(random.nextDouble(), !c.onTime());
        int[] dims = HistoryChoices.dimensions(score, random);
        LocalDate day = c.closedAt().atZone(in.calendar().zone()).toLocalDate();
        return new HistoryRating(id, HistoryRating.CASE, null, c.id(), score, dim(dims, 0), dim(dims, 1), dim(dims, 2), dim(dims, 3),
                caseComment(score, random.nextDouble()), at, day, c.createdBy(), window, c.item().code(), c.item().department(),
                c.item().category().name(), c.channel(), null);
    }

    private static Integer dim(int[] dims, int i) {
        return dims == null ? null : dims[i];
    }

    static String caseComment(int score, double u) {
        if (score <= 2) {
            return u < 0.5 ? "办理时间太长，超过了承诺时限" : "多次补交材料，要求前后不一致";
        }
        return score == 5 && u < 0.15 ? "网上申请很方便，按时办结" : null;
    }

    /** The rating's key columns, as the checksum of a seeded database compares them. */
    static String line(HistoryRating r) {
        return "r|" + r.id() + "|" + r.subject() + "|" + r.ticketId() + "|" + r.caseId() + "|" + r.score() + "|" + r.attitude() + "|"
                + HistoryPlan.micros(r.ratedAt()) + "|" + r.day() + "|" + r.clerk() + "|" + r.window() + "|" + HistoryPlan.micros(r.excludedAt());
    }
}
