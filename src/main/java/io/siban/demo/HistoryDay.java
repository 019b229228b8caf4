package io.siban.demo;

import io.siban.sla.calendar.OfficeInterval;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * One working day of a hall, simulated the way the queue engine runs it: arrivals peak from 9 to 11
 * and less from 14 to 16, each free window calls the lowest line key of its queues, service times are
 * lognormal around each queue's median, about 5 % of called citizens do not show, a few give up and
 * cancel, and whoever still waits at closing time expires at midnight. Every random draw of a ticket is
 * made when it arrives, so the day depends on its seed only.
 */
final class HistoryDay {
    static final double NO_SHOW = 0.05;
    static final double GIVES_UP = 0.025;
    static final double RATED = 0.55;

    private HistoryDay() {
    }

    /** A ticket while its day is simulated. */
    private static final class Sim {
        UUID id;
        String queue;
        String prefix;
        int seq;
        HistoryInput.Item item;
        String channel;
        String priority;
        Instant issued;
        Instant lineKey;
        Instant givesUpAt;
        boolean noShow;
        long walkSeconds;
        long serviceSeconds;
        long gapSeconds;
        double outcomeDraw;
        double ratedDraw;
        double scoreDraw;
        long rateAfterSeconds;
        String appointmentId;
        boolean taken;
        Integer window;
        String clerk;
        Instant calledAt;
        String reason;
        String detail;
        Instant noShowAt;
        Instant startedAt;
        Instant finishedAt;
    }

    /** A window while the day runs: when it is next free. */
    private static final class Desk {
        final HistoryInput.Window window;
        Instant freeAt;
        boolean done;

        Desk(HistoryInput.Window window, Instant freeAt) {
            this.window = window;
            this.freeAt = freeAt;
        }
    }

    static List<HistoryTicket> simulate(HistoryInput in, LocalDate day, Random random, int volume) {
        ZoneId zone = in.calendar().zone();
        List<OfficeInterval> hours = in.calendar().hoursOn(day);
        if (hours.isEmpty() || volume <= 0) {
            return List.of();
        }
        Instant[][] open = new Instant[hours.size()][];
        for (int i = 0; i < hours.size(); i++) {
            open[i] = new Instant[]{day.atTime(hours.get(i).from()).atZone(zone).toInstant(),
                    day.atTime(hours.get(i).to()).atZone(zone).toInstant()};
        }
        Instant close = open[open.length - 1][1];
        List<Sim> arrived = arrivals(in, day, random, volume, open[0][0], close);
        Line line = new Line(arrived);
        List<Desk> desks = new ArrayList<>();
        in.windows().forEach(w -> desks.add(new Desk(w, open[0][0])));
        while (true) {
            Desk desk = desks.stream().filter(d -> !d.done)
                    .min(Comparator.comparing((Desk d) -> d.freeAt).thenComparing(d -> d.window.number())).orElse(null);
            if (desk == null) {
                break;
            }
            Instant t = officeTimeFrom(open, desk.freeAt);
            if (t == null) {
                desk.done = true;
                continue;
            }
            serve(in, desk, t, line);
        }
        Instant midnight = day.plusDays(1).atStartOfDay(zone).toInstant();
        List<HistoryTicket> tickets = new ArrayList<>(arrived.size());
        for (Sim s : arrived) {
            tickets.add(ticket(s, day, midnight));
        }
        return tickets;
    }

    /** Calls the head of the desk's line at {@code t}, or moves the desk on to the next arrival it could serve. */
    private static void serve(HistoryInput in, Desk desk, Instant t, Line line) {
        Sim chosen = null;
        int end = line.head();
        while (end < line.sims.size() && !line.sims.get(end).issued.isAfter(t)) {
            Sim s = line.sims.get(end++);
            if (waiting(s, desk, t) && (chosen == null || s.lineKey.isBefore(chosen.lineKey))) {
                chosen = s;
            }
        }
        if (chosen == null) {
            Instant next = null;
            for (int i = end; i < line.sims.size() && next == null; i++) {
                Sim s = line.sims.get(i);
                if (!s.taken && desk.window.queues().contains(s.queue)) {
                    next = s.issued;
                }
            }
            if (next == null) {
                desk.done = true;
            } else {
                desk.freeAt = next;
            }
            return;
        }
        boolean earlier = false;
        boolean higher = false;
        for (int i = line.head(); i < end; i++) {
            Sim s = line.sims.get(i);
            if (s != chosen && waiting(s, desk, t)) {
                earlier |= s.issued.isBefore(chosen.issued);
                higher |= !"NORMAL".equals(s.priority) && "NORMAL".equals(chosen.priority);
            }
        }
        call(in, desk, chosen, t, earlier, higher);
    }

    /** The day's tickets in arrival order, and where the first one nobody has taken yet is. */
    private static final class Line {
        final List<Sim> sims;
        private int head;

        Line(List<Sim> sims) {
            this.sims = sims;
        }

        int head() {
            while (head < sims.size() && sims.get(head).taken) {
                head++;
            }
            return head;
        }
    }

    private static boolean waiting(Sim s, Desk desk, Instant t) {
        return !s.taken && !s.issued.isAfter(t) && (s.givesUpAt == null || s.givesUpAt.isAfter(t))
                && desk.window.queues().contains(s.queue);
    }

    private static void call(HistoryInput in, Desk desk, Sim s, Instant t, boolean earlier, boolean higher) {
        s.taken = true;
        s.window = desk.window.number();
        s.clerk = desk.window.clerk();
        s.calledAt = t;
        String number = s.prefix + String.format("%03d", s.seq);
        if (!"NORMAL".equals(s.priority) && earlier) {
            s.reason = "priority";
            s.detail = number + " is " + s.priority + " (head start " + in.appointmentHeadStart() + ") and went ahead of earlier arrivals";
        } else if (higher) {
            s.reason = "aged";
            s.detail = number + " (" + s.priority + ") waited past the head start of a higher class waiting";
        } else {
            s.reason = "fifo";
            s.detail = number + " (" + s.priority + ") was first in line";
        }
        if (s.noShow) {
            s.noShowAt = t.plusSeconds(90 + s.walkSeconds);
            desk.freeAt = s.noShowAt.plusSeconds(5);
            return;
        }
        s.startedAt = t.plusSeconds(s.walkSeconds);
        s.finishedAt = s.startedAt.plusSeconds(s.serviceSeconds);
        desk.freeAt = s.finishedAt.plusSeconds(s.gapSeconds);
    }

    /** The first office instant at or after {@code t}; null once the day's last interval has closed. */
    private static Instant officeTimeFrom(Instant[][] open, Instant t) {
        for (Instant[] interval : open) {
            if (t.isBefore(interval[0])) {
                return interval[0];
            }
            if (t.isBefore(interval[1])) {
                return t;
            }
        }
        return null;
    }

    /** The day's citizens, in arrival order, each with all its random draws made. */
    private static List<Sim> arrivals(HistoryInput in, LocalDate day, Random random, int volume, Instant opening, Instant close) {
        long from = opening.getEpochSecond() - 600;
        long to = close.getEpochSecond() - 600;
        int minutes = (int) ((to - from) / 60);
        double[] cumulative = new double[minutes];
        double total = 0;
        ZoneId zone = in.calendar().zone();
        for (int m = 0; m < minutes; m++) {
            total += HistoryChoices.weight(Instant.ofEpochSecond(from + m * 60L).atZone(zone).getHour());
            cumulative[m] = total;
        }
        long[] times = new long[volume];
        for (int i = 0; i < volume; i++) {
            int idx = Arrays.binarySearch(cumulative, random.nextDouble() * total);
            int minute = Math.min(minutes - 1, idx >= 0 ? idx : -idx - 1);
            times[i] = from + minute * 60L + random.nextInt(60);
        }
        Arrays.sort(times);
        Map<String, int[]> seqs = new java.util.HashMap<>();
        List<Sim> line = new ArrayList<>(volume);
        for (long time : times) {
            Sim s = new Sim();
            s.id = HistoryPlan.uuid(random);
            HistoryInput.Queue queue = HistoryChoices.pick(in.queues(), random);
            s.queue = queue.code();
            s.prefix = queue.prefix();
            s.seq = ++seqs.computeIfAbsent(queue.code(), q -> new int[1])[0];
            List<HistoryInput.Item> items = in.itemsOf(queue.code());
            s.item = items.isEmpty() ? null : items.get(random.nextInt(items.size()));
            double channel = random.nextDouble();
            s.channel = channel < 0.05 ? "APPOINTMENT" : channel < 0.15 ? "MOBILE" : "KIOSK";
            s.priority = channel < 0.05 ? "APPOINTMENT" : "NORMAL";
            s.issued = Instant.ofEpochSecond(time);
            s.lineKey = channel < 0.05 ? s.issued.minus(in.appointmentHeadStart()) : s.issued;
            s.appointmentId = channel < 0.05 ? "BK-" + day.toString().replace("-", "") + "-" + String.format("%04d", random.nextInt(10_000)) : null;
            s.givesUpAt = random.nextDouble() < GIVES_UP ? s.issued.plusSeconds(480 + random.nextInt(2_220)) : null;
            s.noShow = random.nextDouble() < NO_SHOW;
            s.walkSeconds = 15 + random.nextInt(75);
            s.serviceSeconds = Math.max(60, Math.min(3_600, Math.round(HistoryChoices.serviceSeconds(queue.code(), random.nextGaussian()))));
            s.gapSeconds = 10 + random.nextInt(30);
            s.outcomeDraw = random.nextDouble();
            s.ratedDraw = random.nextDouble();
            s.scoreDraw = random.nextDouble();
            s.rateAfterSeconds = 20 + random.nextInt(580);
            line.add(s);
        }
        return line;
    }

    private static HistoryTicket ticket(Sim s, LocalDate day, Instant midnight) {
        String status;
        Instant cancelled = null;
        Instant expired = null;
        String outcome = null;
        List<String> missing = null;
        Integer rating = null;
        String comment = null;
        Instant ratedAt = null;
        if (s.calledAt == null) {
            boolean gaveUp = s.givesUpAt != null && s.givesUpAt.isBefore(midnight);
            status = gaveUp ? "CANCELLED" : "EXPIRED";
            cancelled = gaveUp ? s.givesUpAt : null;
            expired = gaveUp ? null : midnight;
        } else if (s.noShow) {
            status = "NO_SHOW";
        } else {
            status = "DONE";
            outcome = HistoryChoices.outcome(s.item, s.outcomeDraw);
            if (io.siban.queue.Outcome.MISSING_DOCUMENTS.name().equals(outcome)) {
                missing = s.item.requiredDocuments().subList(0, Math.min(2, s.item.requiredDocuments().size()));
            }
            if (s.ratedDraw < RATED) {
                long waitMinutes = Duration.between(s.issued, s.calledAt).toMinutes();
                rating = HistoryChoices.score(s.scoreDraw, waitMinutes > 40);
                comment = HistoryChoices.comment(rating, s.ratedDraw);
                ratedAt = s.finishedAt.plusSeconds(s.rateAfterSeconds);
            }
        }
        return new HistoryTicket(s.id, s.queue, s.prefix, day, s.seq, s.item == null ? null : s.item.code(), s.channel, s.priority,
                status, s.lineKey, s.issued, s.window, s.clerk, s.calledAt, s.reason, s.detail, s.startedAt, s.finishedAt,
                s.noShowAt, cancelled, expired, outcome, null, missing, rating, comment, ratedAt, s.appointmentId);
    }

}
