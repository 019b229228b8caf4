package io.siban.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A hall's planned history: the working days from {@code from} to the day before {@code to}, their
 * tickets and the cases taken in, the ratings of both and the rectifications of the bad ones. Pure: the same {@link HistoryInput} gives the same plan, ids included,
 * so two fresh databases seeded on the same day hold the same history.
 */
record HistoryPlan(String hall, LocalDate from, LocalDate to, List<HistoryTicket> tickets, List<HistoryCase> cases,
                   List<HistoryRating> ratings, List<HistoryRectification> rectifications) {

    /** Tickets per window on an ordinary Tuesday. */
    static final int TICKETS_PER_WINDOW = 30;
    /** Online and mobile applications per window and day. */
    static final double ONLINE_PER_WINDOW = 2.2;

    static HistoryPlan of(HistoryInput in) {
        Instant cutoff = in.today().atStartOfDay(in.calendar().zone()).toInstant();
        LocalDate from = in.today().minusDays(in.days());
        HistoryCases intake = new HistoryCases(in, cutoff);
        List<HistoryTicket> tickets = new ArrayList<>();
        List<HistoryCase> cases = new ArrayList<>();
        for (LocalDate day = from; day.isBefore(in.today()); day = day.plusDays(1)) {
            if (in.skipDays().contains(day)) {
                continue;
            }
            Random random = new Random(in.seed() * 1_000_003L + in.hall().hashCode() * 8_191L + day.toEpochDay());
            int volume = in.calendar().isWorkingDay(day) ? volume(in, day, random) : 0;
            for (HistoryTicket t : HistoryDay.simulate(in, day, random, volume)) {
                HistoryCase taken = "CASE_ACCEPTED".equals(t.outcome()) ? intake.atWindow(t, random) : null;
                tickets.add(taken == null ? t : t.withCase(taken.id()));
                if (taken != null) {
                    cases.add(taken);
                }
            }
            int online = (int) Math.round(ONLINE_PER_WINDOW * in.windows().size() * (0.7 + 0.6 * random.nextDouble()));
            cases.addAll(intake.online(day, random, in.calendar().isWorkingDay(day) ? online : online / 3));
        }
        HistoryFeedback.Planned feedback = HistoryFeedback.plan(in, cutoff, tickets, cases);
        return new HistoryPlan(in.hall(), from, in.today(), List.copyOf(tickets), List.copyOf(cases), feedback.ratings(),
                feedback.rectifications());
    }

    /** Busier on Mondays, quieter on Fridays, and never two days quite alike. */
    private static int volume(HistoryInput in, LocalDate day, Random random) {
        double weekday = day.getDayOfWeek() == DayOfWeek.MONDAY ? 1.15 : day.getDayOfWeek() == DayOfWeek.FRIDAY ? 0.9 : 1.0;
        return (int) Math.round(TICKETS_PER_WINDOW * in.windows().size() * weekday * (0.85 + 0.3 * random.nextDouble()));
    }

    /** A version-4 UUID from the plan's random numbers. */
    static UUID uuid(Random random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }

    /**
     * The key columns of every ticket and case, hashed in id order: what a seeded database must hold.
     * An open case's card is left out, and a running rectification's: from the history's cutoff on it is
     * the live sweep's to change. Ratings and rectifications are in it too.
     */
    String checksum() {
        List<String> lines = new ArrayList<>();
        for (HistoryTicket t : tickets) {
            lines.add(ticketLine(t.id(), t.number(), t.status(), t.issuedAt(), t.calledAt(), t.startedAt(), t.finishedAt(),
                    t.window(), t.rating()));
        }
        for (HistoryCase c : cases) {
            lines.add(caseLine(c.id(), c.caseNumber(), c.state(), c.acceptedAt(), c.closedAt(), c.committedDue(),
                    c.closedAt() == null ? null : c.card().name()));
        }
        ratings.forEach(r -> lines.add(HistoryFeedback.line(r)));
        rectifications.forEach(x -> lines.add(rectificationLine(x.id(), x.ratingId(), x.state().name(), x.version(), x.contactDue(),
                x.rectifyDue(), x.running() ? null : x.card().name(), x.steps().size())));
        return digest(lines);
    }

    static String ticketLine(UUID id, String number, String status, Instant issued, Instant called, Instant started,
                             Instant finished, Integer window, Integer rating) {
        return "t|" + id + "|" + number + "|" + status + "|" + micros(issued) + "|" + micros(called) + "|" + micros(started) + "|"
                + micros(finished) + "|" + window + "|" + rating;
    }

    static String caseLine(UUID id, String number, String state, Instant accepted, Instant closed, Instant committedDue, String card) {
        return "c|" + id + "|" + number + "|" + state + "|" + micros(accepted) + "|" + micros(closed) + "|" + micros(committedDue) + "|" + card;
    }

    static String rectificationLine(UUID id, UUID rating, String state, int version, Instant contactDue, Instant rectifyDue,
                                    String frozenCard, int steps) {
        return "x|" + id + "|" + rating + "|" + state + "|" + version + "|" + micros(contactDue) + "|" + micros(rectifyDue) + "|"
                + frozenCard + "|" + steps;
    }

    /** SHA-256 of the lines in sorted order. */
    static String digest(List<String> lines) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            lines.stream().sorted().forEach(line -> sha.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String micros(Instant instant) {
        return instant == null ? "-" : Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, instant));
    }
}
