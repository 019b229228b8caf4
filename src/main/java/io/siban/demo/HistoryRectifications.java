package io.siban.demo;

import io.siban.sla.calendar.WorkingCalendar;
import io.siban.sla.deadline.SlaCard;
import io.siban.sla.deadline.SlaCards;
import io.siban.sla.deadline.YellowThreshold;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * The life of each bad rating's rectification in the history, planned on the hall's calendar: the
 * contact due is the same time on the hall's N-th working day after the rating, the rectify due close of
 * business on its N-th working day. Most are contacted within the day, rectified within a few days and
 * closed (some slowly enough for a yellow card, a few late with a red one); some wait to be closed, a
 * few stall after the contact or are never taken up (so the worklist has overdue ones), and some are
 * appealed: the admin excludes the rating, upholds it (the work goes on) or has not decided yet. Steps
 * after the cutoff (the start of today) are left out: what was running then is still running. The
 * supervisor acts; the admin decides appeals (a supervisor other than the one who appealed).
 */
final class HistoryRectifications {
    static final String SUPERVISOR = "supervisor";
    static final String ADMIN = "admin";
    /** Who opens a rectification: the rating itself, not a person. */
    static final String OPENED_BY = "system";
    static final double NEGLECTED = 0.04;
    static final double STALLED = 0.05;
    static final double NOT_CLOSED = 0.06;
    static final double APPEALED_OPEN = 0.06;
    static final double APPEALED_CONTACTED = 0.05;
    static final double EXCLUDED = 0.55;
    static final double UPHELD = 0.30;
    static final double SLOW = 0.10;
    static final double LATE = 0.08;
    static final String[] CONTACT_NOTES = {"已电话回访群众，了解情况并致歉", "已电话联系群众，群众同意等待整改结果", "已短信及电话回访，记录群众诉求"};
    static final String[] RECTIFY_NOTES = {"已对窗口人员进行批评教育，规范服务用语", "已补充一次性告知清单，材料要求在窗口公示",
            "高峰时段增开窗口，缩短群众等候时间", "已组织业务培训，统一材料审核口径"};
    static final String[] APPEAL_NOTES = {"经调取窗口录像，评价与实际办理情况不符", "群众来电说明误操作，申请更正",
            "评价人并非本事项办事群众，疑似恶意差评"};
    static final String CLOSE_NOTE = "群众对整改结果表示满意，办结";
    static final String EXCLUDE_NOTE = "经核实申诉属实，该评价不计入考核";
    static final String UPHOLD_NOTE = "申诉理由不充分，差评有效，继续整改";

    private final WorkingCalendar calendar;
    private final int contactDays;
    private final int rectifyDays;
    private final Instant cutoff;

    HistoryRectifications(HistoryInput in, Instant cutoff) {
        this.calendar = in.calendar();
        this.contactDays = in.contactDays();
        this.rectifyDays = in.rectifyDays();
        this.cutoff = cutoff;
    }

    /** A move planned for the rectification: applied only if it comes before the cutoff, and only while every earlier one did. */
    private record Move(Instant at, String actor, String action, String note) {
    }

    HistoryRectification of(HistoryRating rating, Random random) {
        Instant opened = rating.ratedAt();
        Instant contactDue = calendar.sameTimeNthWorkingDay(opened, contactDays);
        Instant rectifyDue = calendar.endOfNthWorkingDay(opened, rectifyDays);
        List<Move> moves = moves(opened, contactDue, rectifyDue, random);
        return new Life(HistoryPlan.uuid(random), rating, contactDue, rectifyDue, yellowBeforeRectify(rectifyDue)).run(moves);
    }

    /** From one working day before the rectify due the card turns yellow (once the citizen has been contacted). */
    Instant yellowBeforeRectify(Instant rectifyDue) {
        return SlaCards.yellowFrom(calendar, rectifyDue, YellowThreshold.ONE_WORKING_DAY);
    }

    private List<Move> moves(Instant opened, Instant contactDue, Instant rectifyDue, Random random) {
        List<Move> moves = new ArrayList<>();
        double path = random.nextDouble();
        double resolution = random.nextDouble();
        if (path < NEGLECTED) {
            return moves;
        }
        path -= NEGLECTED;
        if (path < APPEALED_OPEN) {
            Instant appealed = along(opened, contactDue, 0.05 + 0.2 * random.nextDouble());
            moves.add(new Move(appealed, SUPERVISOR, "APPEAL", pick(APPEAL_NOTES, random)));
            if (resolution < EXCLUDED + UPHELD) {
                Instant decided = along(appealed, contactDue, 0.3 + 0.4 * random.nextDouble());
                boolean upheld = resolution >= EXCLUDED;
                moves.add(new Move(decided, ADMIN, upheld ? "UPHOLD" : "EXCLUDE", upheld ? UPHOLD_NOTE : EXCLUDE_NOTE));
                if (upheld) {
                    Instant contacted = along(decided, contactDue, 0.3 + 0.5 * random.nextDouble());
                    moves.add(new Move(contacted, SUPERVISOR, "CONTACT", pick(CONTACT_NOTES, random)));
                    rectifyAndClose(moves, contacted, rectifyDue, random);
                }
            }
            return moves;
        }
        path -= APPEALED_OPEN;
        Instant contacted = along(opened, contactDue, 0.05 + 0.8 * random.nextDouble());
        moves.add(new Move(contacted, SUPERVISOR, "CONTACT", pick(CONTACT_NOTES, random)));
        if (path < STALLED) {
            return moves;
        }
        path -= STALLED;
        if (path < APPEALED_CONTACTED) {
            Instant appealed = workingHours(contacted, 1, 16, random);
            moves.add(new Move(appealed, SUPERVISOR, "APPEAL", pick(APPEAL_NOTES, random)));
            if (resolution < EXCLUDED + UPHELD) {
                Instant decided = workingHours(appealed, 4, 24, random);
                boolean upheld = resolution >= EXCLUDED;
                moves.add(new Move(decided, ADMIN, upheld ? "UPHOLD" : "EXCLUDE", upheld ? UPHOLD_NOTE : EXCLUDE_NOTE));
                if (upheld) {
                    rectifyAndClose(moves, decided, rectifyDue, random);
                }
            }
            return moves;
        }
        path -= APPEALED_CONTACTED;
        rectifyAndClose(moves, contacted, rectifyDue, random);
        if (path < NOT_CLOSED) {
            moves.remove(moves.size() - 1);
        }
        return moves;
    }

    /** Rectified in a few working days (some slowly, a few after the due), then closed within a working day or three. */
    private void rectifyAndClose(List<Move> moves, Instant from, Instant rectifyDue, Random random) {
        double pace = random.nextDouble();
        Instant rectified;
        if (pace < LATE || !from.isBefore(rectifyDue)) {
            rectified = workingHours(from.isAfter(rectifyDue) ? from : rectifyDue, 1, 24, random);
        } else if (pace < LATE + SLOW) {
            rectified = along(from, rectifyDue, 0.95 + 0.04 * random.nextDouble());
        } else {
            rectified = along(from, rectifyDue, 0.05 + 0.4 * random.nextDouble());
        }
        moves.add(new Move(rectified, SUPERVISOR, "RECTIFY", pick(RECTIFY_NOTES, random)));
        moves.add(new Move(workingHours(rectified, 1, 24, random), SUPERVISOR, "CLOSE", CLOSE_NOTE));
    }

    /** The instant a share of the working time between the two has passed, never before one second after {@code from}. */
    private Instant along(Instant from, Instant to, double share) {
        long seconds = Math.round(calendar.workingTimeBetween(from, to).getSeconds() * share);
        return calendar.addWorkingTime(from, Duration.ofSeconds(Math.max(1, seconds)));
    }

    private Instant workingHours(Instant from, double min, double max, Random random) {
        return calendar.addWorkingTime(from, Duration.ofSeconds(Math.round(3600 * (min + (max - min) * random.nextDouble()))));
    }

    private static String pick(String[] notes, Random random) {
        return notes[random.nextInt(notes.length)];
    }

    /** Applies the moves in order up to the cutoff, keeping the row, the steps and the cards the sweep would have recorded. */
    private final class Life {
        final java.util.UUID id;
        final HistoryRating rating;
        final Instant contactDue;
        final Instant rectifyDue;
        final Instant yellowAfterContact;
        final List<HistoryRectification.Step> steps = new ArrayList<>();
        final List<HistoryCase.CardChange> cards = new ArrayList<>();
        String state = HistoryRectification.OPEN;
        String appealedFrom;
        String appealedBy;
        SlaCard card = SlaCard.GREEN;
        Instant contacted;
        Instant rectified;
        Instant closed;
        Instant excluded;

        Life(java.util.UUID id, HistoryRating rating, Instant contactDue, Instant rectifyDue, Instant yellowAfterContact) {
            this.id = id;
            this.rating = rating;
            this.contactDue = contactDue;
            this.rectifyDue = rectifyDue;
            this.yellowAfterContact = yellowAfterContact;
        }

        Instant yellowFrom() {
            return contacted == null ? contactDue : yellowAfterContact;
        }

        HistoryRectification run(List<Move> moves) {
            Instant at = rating.ratedAt();
            steps.add(new HistoryRectification.Step(at, OPENED_BY, "OPEN", null, state, null));
            int version = 0;
            for (Move m : moves) {
                if (!m.at().isBefore(cutoff)) {
                    break;
                }
                cardsUntil(at, m.at());
                String from = state;
                apply(m);
                steps.add(new HistoryRectification.Step(m.at(), m.actor(), m.action(), from, state, m.note()));
                version++;
                at = m.at();
            }
            cardsUntil(at, cutoff);
            return new HistoryRectification(id, rating.id(), rating.department(), state, appealedFrom, appealedBy, version,
                    rating.ratedAt(), contactDue, rectifyDue, yellowFrom(), card, contacted, rectified, closed, excluded,
                    List.copyOf(steps), List.copyOf(cards));
        }

        private void apply(Move m) {
            switch (m.action()) {
                case "CONTACT" -> {
                    state = HistoryRectification.CONTACTED;
                    contacted = m.at();
                }
                case "RECTIFY" -> {
                    state = HistoryRectification.RECTIFIED;
                    rectified = m.at();
                }
                case "CLOSE" -> {
                    state = HistoryRectification.CLOSED;
                    closed = m.at();
                }
                case "APPEAL" -> {
                    appealedFrom = state;
                    appealedBy = m.actor();
                    state = HistoryRectification.APPEALED;
                }
                case "UPHOLD" -> {
                    state = appealedFrom;
                    appealedFrom = null;
                }
                case "EXCLUDE" -> {
                    state = HistoryRectification.EXCLUDED;
                    excluded = m.at();
                }
                default -> throw new IllegalArgumentException(m.action());
            }
        }

        /** While the card runs, each change from {@code from} (the card its dues give then) to before {@code to}. */
        private void cardsUntil(Instant from, Instant to) {
            if (!HistoryRectification.RUNNING.contains(state)) {
                return;
            }
            TreeSet<Instant> instants = new TreeSet<>();
            instants.add(from);
            for (Instant i : new Instant[]{yellowFrom(), rectifyDue}) {
                if (i.isAfter(from) && i.isBefore(to)) {
                    instants.add(i);
                }
            }
            for (Instant i : instants) {
                SlaCard now = SlaCards.fromDues(i, yellowFrom(), rectifyDue, null);
                if (now != card) {
                    cards.add(new HistoryCase.CardChange(now, i, now == SlaCard.RED ? rectifyDue : now == SlaCard.YELLOW ? yellowFrom() : i));
                    card = now;
                }
            }
        }
    }
}
