package io.siban.demo;

import io.siban.cases.CaseClock;
import io.siban.cases.CaseNumbers;
import io.siban.sla.calendar.WorkingCalendar;
import io.siban.sla.deadline.SlaCard;
import io.siban.sla.deadline.SlaCards;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The cases of a hall's history: one for each served ticket that accepted a case (a WINDOW case, taken
 * in during the visit) and a few online and mobile applications a day, pre-reviewed by a clerk. Dues
 * come from the deadline engine ({@link CaseClock}) on the hall's calendar; most cases close inside
 * their committed time, some after it (red), a few after the statutory one. Nothing happens at or after
 * the cutoff (the start of today): what is not closed by then is still open, with the card it shows then.
 */
final class HistoryCases {
    static final double LATE = 0.09;
    static final double LEGAL_BREACH = 0.01;
    static final double REJECTED = 0.06;
    static final String REVIEWER = "reviewer";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂";

    private final HistoryInput in;
    private final WorkingCalendar calendar;
    private final Instant cutoff;
    private final Map<String, HistoryInput.Item> items;
    private final Set<String> numbers = new HashSet<>();

    HistoryCases(HistoryInput in, Instant cutoff) {
        this.in = in;
        this.calendar = in.calendar();
        this.cutoff = cutoff;
        this.items = in.items().stream().collect(Collectors.toMap(HistoryInput.Item::code, Function.identity()));
    }

    /** The case a served ticket took in: accepted during the service; an IMMEDIATE one closes before the citizen leaves. */
    HistoryCase atWindow(HistoryTicket t, Random random) {
        HistoryInput.Item item = items.get(t.itemCode());
        if (item == null || item.committed() == null) {
            return null;
        }
        long service = t.finishedAt().getEpochSecond() - t.startedAt().getEpochSecond();
        Instant accepted = t.startedAt().plusSeconds(Math.min(60, service / 3));
        Instant immediateClose = item.category() == io.siban.catalog.Category.IMMEDIATE
                ? t.finishedAt().minusSeconds(Math.min(20, service / 4)) : null;
        return build(item, "WINDOW", accepted, t.clerk(), accepted, t.clerk(), immediateClose, t.id(), t.finishedAt(), random);
    }

    /** A day's online and mobile applications, accepted by a clerk of the item's queue within a few working hours. */
    List<HistoryCase> online(LocalDate day, Random random, int count) {
        List<HistoryInput.Item> online = in.items().stream()
                .filter(i -> i.onlineCapable() && i.committed() != null && in.queues().stream().anyMatch(q -> q.code().equals(i.queue())))
                .toList();
        List<HistoryCase> cases = new ArrayList<>();
        for (int i = 0; i < count && !online.isEmpty(); i++) {
            HistoryInput.Item item = online.get(random.nextInt(online.size()));
            boolean mobile = random.nextDouble() < 0.3;
            Instant created = day.atTime(7, 0).atZone(calendar.zone()).toInstant().plusSeconds(random.nextInt(15 * 3600));
            Instant accepted = calendar.addWorkingTime(created, Duration.ofMinutes(10 + random.nextInt(170)));
            String clerk = in.clerkFor(item.queue());
            cases.add(build(item, mobile ? "MOBILE" : "ONLINE", created, mobile ? "mobile-app" : "online-portal", accepted, clerk,
                    null, null, null, random));
        }
        return cases;
    }

    private HistoryCase build(HistoryInput.Item item, String channel, Instant created, String createdBy, Instant accepted,
                              String clerk, Instant immediateClose, UUID ticket, Instant visitAt, Random random) {
        UUID id = HistoryPlan.uuid(random);
        LocalDate day = created.atZone(calendar.zone()).toLocalDate();
        String number = number(day, random);
        String code = String.format("%06d", random.nextInt(1_000_000));
        HistoryCase.Applicant applicant = applicant(random);
        List<HistoryCase.Move> moves = new ArrayList<>();
        moves.add(new HistoryCase.Move(created, createdBy, "SUBMIT", null, "SUBMITTED", null));
        if (!accepted.isBefore(cutoff)) {
            return new HistoryCase(id, number, code, item, channel, "SUBMITTED", day, created, createdBy, null, null, null, null, null,
                    null, null, null, null, ticket, visitAt, applicant, moves, List.of());
        }
        moves.add(new HistoryCase.Move(accepted, clerk, "ACCEPT", "SUBMITTED", "ACCEPTED", null));
        CaseClock.Terms terms = new CaseClock.Terms(item.category(), item.committed(), item.statutory(), item.localStageDays(),
                item.warningThreshold());
        CaseClock.Reading nominal = CaseClock.read(calendar, terms, accepted, List.of(), null, null, accepted);
        Instant close = immediateClose != null && immediateClose.isAfter(accepted) ? immediateClose : closing(accepted, nominal, random);
        String decision = random.nextDouble() < REJECTED ? "REJECT" : "APPROVE";
        String decided = decision.equals("REJECT") ? "REJECTED" : "APPROVED";
        Instant delivery = item.category() == io.siban.catalog.Category.IMMEDIATE ? close.plusSeconds(30 + random.nextInt(60))
                : calendar.addWorkingTime(close, Duration.ofMinutes(30 + random.nextInt(570)));
        List<HistoryCase.Move> planned = new ArrayList<>();
        switch (item.category()) {
            case IMMEDIATE -> planned.add(new HistoryCase.Move(close, REVIEWER, decision, "ACCEPTED", decided, null));
            case SAME_DAY, TIME_LIMITED -> {
                planned.add(new HistoryCase.Move(along(accepted, close, 0.1), REVIEWER, "START_REVIEW", "ACCEPTED", "IN_REVIEW", null));
                planned.add(new HistoryCase.Move(close, REVIEWER, decision, "IN_REVIEW", decided, null));
            }
            case PROXY -> {
                planned.add(new HistoryCase.Move(along(accepted, close, 0.1), REVIEWER, "START_REVIEW", "ACCEPTED", "IN_REVIEW", null));
                planned.add(new HistoryCase.Move(along(accepted, close, 0.35), clerk, "FORWARD", "IN_REVIEW", "FORWARDED", null));
                planned.add(new HistoryCase.Move(along(accepted, close, 0.85), clerk, "UPSTREAM_RETURNED", "FORWARDED", "RETURNED", null));
                planned.add(new HistoryCase.Move(close, REVIEWER, decision, "RETURNED", decided, null));
            }
        }
        planned.add(new HistoryCase.Move(delivery, clerk, "DELIVER", decided, "DELIVERED", null));
        planned.stream().filter(m -> m.at().isBefore(cutoff)).forEach(moves::add);
        String state = moves.get(moves.size() - 1).to();
        Instant forwarded = at(moves, "FORWARD");
        Instant returned = at(moves, "UPSTREAM_RETURNED");
        Instant closed = close.isBefore(cutoff) ? close : null;
        Instant delivered = at(moves, "DELIVER");
        CaseClock.Reading reading = CaseClock.read(calendar, terms, accepted, List.of(), forwarded, closed, cutoff);
        return new HistoryCase(id, number, code, item, channel, state, day, created, createdBy, accepted, forwarded, returned, closed,
                delivered, reading.committedDue(), reading.statutoryDue(), reading.yellowFrom(), reading.card(), ticket, visitAt,
                applicant, moves, cardChanges(accepted, closed != null ? closed : cutoff, reading));
    }

    /** Mostly inside the committed time; some between the committed and the statutory due; a few past the statutory one. */
    private Instant closing(Instant accepted, CaseClock.Reading nominal, Random random) {
        Instant committed = nominal.committedDue();
        Instant statutory = nominal.statutoryDue();
        double u = random.nextDouble();
        if (u < LEGAL_BREACH && statutory != null) {
            return calendar.addWorkingTime(statutory, Duration.ofMinutes(30 + random.nextInt(900)));
        }
        if (u < LATE) {
            long slack = statutory == null || !statutory.isAfter(committed) ? 8 * 3600
                    : calendar.workingTimeBetween(committed, statutory).getSeconds();
            long late = Math.max(60, Math.min(slack - 60, Math.round(slack * (0.05 + 0.6 * random.nextDouble()))));
            return calendar.addWorkingTime(committed, Duration.ofSeconds(late));
        }
        return along(accepted, committed, 0.15 + 0.8 * random.nextDouble());
    }

    /** The instant a share of the working time from {@code from} to {@code to} has passed. */
    private Instant along(Instant from, Instant to, double share) {
        long seconds = Math.round(calendar.workingTimeBetween(from, to).getSeconds() * share);
        return seconds <= 0 ? from : calendar.addWorkingTime(from, Duration.ofSeconds(seconds));
    }

    private static Instant at(List<HistoryCase.Move> moves, String action) {
        return moves.stream().filter(m -> m.action().equals(action)).map(HistoryCase.Move::at).findFirst().orElse(null);
    }

    /** Each card the case showed after its acceptance and before {@code end}, at the instant it began, as the sweep records it. */
    private static List<HistoryCase.CardChange> cardChanges(Instant accepted, Instant end, CaseClock.Reading r) {
        TreeSet<Instant> instants = new TreeSet<>();
        for (Instant i : new Instant[]{r.yellowFrom(), r.committedDue(), r.statutoryDue()}) {
            if (i != null && i.isAfter(accepted) && i.isBefore(end)) {
                instants.add(i);
            }
        }
        List<HistoryCase.CardChange> changes = new ArrayList<>();
        SlaCard shown = SlaCards.fromDues(accepted, r.yellowFrom(), r.committedDue(), r.statutoryDue());
        for (Instant i : instants) {
            SlaCard card = SlaCards.fromDues(i, r.yellowFrom(), r.committedDue(), r.statutoryDue());
            if (card != shown) {
                changes.add(new HistoryCase.CardChange(card, i, i));
                shown = card;
            }
        }
        return changes;
    }

    private String number(LocalDate day, Random random) {
        String prefix = in.hall().replace("-", "").toUpperCase(Locale.ROOT) + day.format(DAY) + "-";
        String number;
        do {
            number = prefix + CaseNumbers.randomPart(random);
        } while (!numbers.add(number));
        return number;
    }

    /** A made-up applicant: a common surname, a given name, a well-formed ID number of Lanzhou, a mobile number. */
    static HistoryCase.Applicant applicant(Random random) {
        String name = "" + SURNAMES.charAt(random.nextInt(SURNAMES.length())) + GIVEN.charAt(random.nextInt(GIVEN.length()))
                + (random.nextBoolean() ? "" + GIVEN.charAt(random.nextInt(GIVEN.length())) : "");
        LocalDate born = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(20_000));
        String body = "620102" + born.format(DAY) + String.format("%03d", random.nextInt(1000));
        String phone = "13" + random.nextInt(10) + String.format("%08d", random.nextInt(100_000_000));
        return new HistoryCase.Applicant(name, body + io.siban.common.PersonalData.idCheckCharacter(body), phone);
    }
}
