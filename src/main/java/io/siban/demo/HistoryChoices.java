package io.siban.demo;

import io.siban.queue.Outcome;
import io.siban.rating.Dimension;
import io.siban.rating.RatingRequest;

import java.util.List;
import java.util.Map;
import java.util.Random;

/** The shapes of the demo's traffic: arrivals by hour, queue shares, service times, outcomes and ratings. */
final class HistoryChoices {
    private HistoryChoices() {
    }

    /** Share of the day's arrivals per queue code (a queue not named gets 0.2). */
    static final Map<String, Double> QUEUE_SHARE = Map.of("A", 0.22, "B", 0.30, "C", 0.20, "D", 0.08, "E", 0.20);
    /** Median service minutes per queue code. */
    static final Map<String, Double> SERVICE_MINUTES = Map.of("A", 9.0, "B", 6.0, "C", 11.0, "D", 14.0, "E", 8.0);
    static final double SERVICE_SIGMA = 0.45;
    /** Seconds of one service in the queue, lognormal around its median for a standard normal draw. */
    static double serviceSeconds(String queue, double gaussian) {
        return SERVICE_MINUTES.getOrDefault(queue, 8.0) * 60 * StrictMath.exp(SERVICE_SIGMA * gaussian);
    }

    /** Arrivals per minute by local hour: the morning peak, the lunch lull, the smaller afternoon peak. */
    static double weight(int hour) {
        return switch (hour) {
            case 9 -> 1.9;
            case 10 -> 1.7;
            case 11 -> 1.0;
            case 12 -> 0.25;
            case 13 -> 0.8;
            case 14 -> 1.3;
            case 15 -> 1.2;
            default -> hour < 9 ? 0.4 : 0.5;
        };
    }

    static HistoryInput.Queue pick(List<HistoryInput.Queue> queues, Random random) {
        double total = queues.stream().mapToDouble(q -> QUEUE_SHARE.getOrDefault(q.code(), 0.2)).sum();
        double u = random.nextDouble() * total;
        for (HistoryInput.Queue q : queues) {
            u -= QUEUE_SHARE.getOrDefault(q.code(), 0.2);
            if (u < 0) {
                return q;
            }
        }
        return queues.get(queues.size() - 1);
    }

    static String outcome(HistoryInput.Item item, double draw) {
        if (item == null) {
            return Outcome.CONSULTATION.name();
        }
        if (draw < 0.40) {
            return Outcome.CASE_ACCEPTED.name();
        }
        if (draw < 0.65) {
            return Outcome.COMPLETED_ON_SPOT.name();
        }
        if (draw < 0.90 || item.requiredDocuments().isEmpty()) {
            return Outcome.CONSULTATION.name();
        }
        return Outcome.MISSING_DOCUMENTS.name();
    }

    /** Mostly 5 and 4, a few 1–2; worse after a long wait. Below 0.96 (short wait) it is 3 to 5. */
    static int score(double u, boolean longWait) {
        double[] shares = longWait ? new double[]{0.40, 0.30, 0.15, 0.10} : new double[]{0.70, 0.22, 0.04, 0.025};
        int score = 5;
        for (double share : shares) {
            if (u < share) {
                return score;
            }
            u -= share;
            score--;
        }
        return 1;
    }

    static String comment(int rating, double u) {
        if (rating <= 2) {
            return u < 0.25 ? "等候时间太长" : "材料要求没有一次说清楚";
        }
        return rating == 5 && u < 0.1 ? "办事很快，态度很好" : null;
    }

    /** Share of the ratings that also score the four dimensions (服务态度, 办事效率, 办理质量, 廉洁自律). */
    static final double WITH_DIMENSIONS = 0.4;
    /** Share of the flow's ratings that are bad (1 or 2): a few an hour in the city hall, so a supervisor sees them arrive. */
    static final double FLOW_BAD = 0.02;

    /**
     * The four dimensions around the overall score, or null when the citizen gave the score only; a
     * bad rating names what was bad: one dimension at 1.
     */
    static int[] dimensions(int score, Random random) {
        if (random.nextDouble() >= WITH_DIMENSIONS) {
            return null;
        }
        int[] dims = new int[4];
        for (int i = 0; i < 4; i++) {
            double u = random.nextDouble();
            dims[i] = Math.max(1, Math.min(5, score + (u < 0.2 ? -1 : u > 0.85 ? 1 : 0)));
        }
        if (score <= 2) {
            dims[random.nextInt(3)] = 1;
        }
        return dims;
    }

    /** A rating of the simulated flow: 3 to 5 as in the history, bad now and then, the dimensions for some. */
    static RatingRequest flowRating(Random random) {
        int score = random.nextDouble() < FLOW_BAD ? 1 + random.nextInt(2) : score(random.nextDouble() * 0.96, false);
        int[] dims = dimensions(score, random);
        Map<String, Integer> dimensions = null;
        if (dims != null) {
            dimensions = new java.util.LinkedHashMap<>();
            for (Dimension d : Dimension.values()) {
                dimensions.put(d.field(), dims[d.ordinal()]);
            }
        }
        return new RatingRequest(score, dimensions, comment(score, random.nextDouble()));
    }
}
