package io.siban.demo;

import io.siban.feedback.RectificationAction;
import io.siban.feedback.RectificationDues;
import io.siban.feedback.RectificationMachine;
import io.siban.feedback.RectificationState;
import io.siban.sla.calendar.WorkingCalendar;
import io.siban.sla.deadline.SlaCard;
import io.siban.sla.deadline.SlaCards;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The life of each bad rating's rectification in the history, planned on the hall's calendar with the
 * core's rules: the dues and the yellow instant are {@link RectificationDues}' (the contact due the same
 * time on the hall's N-th working day after the rating, the rectify due close of business on its M-th),
 * each move goes where {@link RectificationMachine} sends it. Most are contacted within the day, rectified within a few days and
 * closed (some slowly enough for a yellow card, a few late with a red one); some are appealed, and the
 * admin excludes the rating or upholds it (the work goes on). A few recent ones are still left alone:
 * never taken up, stalled after the contact, waiting to be closed, an appeal not decided (so the
 * worklist has overdue ones). Steps after the cutoff (the start of today) are left out: what was running
 * then is still running. The supervisor acts; the admin decides appeals (a supervisor other than the
 * one who appealed).
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
    /**
     * Only a rating of the last days before the cutoff may still be left alone (never taken up, stalled
     * after the contact, an appeal not decided): older ones were all answered in the end, so the
     * worklist shows a handful of overdue ones, not a quarter's backlog.
     */
    static final long LINGERS_DAYS = 30;
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
    private record Move(Instant at, String actor, RectificationAction action, String note) {
    }

    HistoryRectification of(HistoryRating rating, Random random) {
        Instant opened = rating.ratedAt();
        RectificationDues dues = RectificationDues.of(calendar, opened, contactDays, rectifyDays);
        boolean lingers = Duration.between(opened, cutoff).toDays() < LINGERS_DAYS;
        List<Move> moves = moves(opened, dues.contactDue(), dues.rectifyDue(), lingers, random);
        return new Life(HistoryPlan.uuid(random), rating, dues).run(moves);
    }

    private List<Move> moves(Instant opened, Instant contactDue, Instant rectifyDue, boolean lingers, Random random) {
        List<Move> moves = new ArrayList<>();
        double path = random.nextDouble();
        double resolution = lingers ? random.nextDouble() : random.nextDouble() * (EXCLUDED + UPHELD);
        if (path < NEGLECTED) {
            if (lingers) {
                return moves;
            }
            path = 1; // taken up in the end, as usual
        } else {
            path -= NEGLECTED;
        }
        if (path < APPEALED_OPEN) {
            Instant appealed = along(opened, contactDue, 0.05 + 0.2 * random.nextDouble());
            moves.add(new Move(appealed, SUPERVISOR, RectificationAction.APPEAL, pick(APPEAL_NOTES, random)));
            if (resolution < EXCLUDED + UPHELD) {
                Instant decided = along(appealed, contactDue, 0.3 + 0.4 * random.nextDouble());
                boolean upheld = resolution >= EXCLUDED;
                moves.add(new Move(decided, ADMIN, upheld ? RectificationAction.UPHOLD : RectificationAction.EXCLUDE, upheld ? UPHOLD_NOTE : EXCLUDE_NOTE));
                if (upheld) {
                    Instant contacted = along(decided, contactDue, 0.3 + 0.5 * random.nextDouble());
                    moves.add(new Move(contacted, SUPERVISOR, RectificationAction.CONTACT, pick(CONTACT_NOTES, random)));
                    rectifyAndClose(moves, contacted, rectifyDue, random);
                }
            }
            return moves;
        }
        path -= APPEALED_OPEN;
        Instant contacted = along(opened, contactDue, 0.05 + 0.8 * random.nextDouble());
        moves.add(new Move(contacted, SUPERVISOR, RectificationAction.CONTACT, pick(CONTACT_NOTES, random)));
        if (path < STALLED) {
            if (lingers) {
                return moves;
            }
            path = 1;
        } else {
            path -= STALLED;
        }
        if (path < APPEALED_CONTACTED) {
            Instant appealed = workingHours(contacted, 1, 16, random);
            moves.add(new Move(appealed, SUPERVISOR, RectificationAction.APPEAL, pick(APPEAL_NOTES, random)));
            if (resolution < EXCLUDED + UPHELD) {
                Instant decided = workingHours(appealed, 4, 24, random);
                boolean upheld = resolution >= EXCLUDED;
                moves.add(new Move(decided, ADMIN, upheld ? RectificationAction.UPHOLD : RectificationAction.EXCLUDE, upheld ? UPHOLD_NOTE : EXCLUDE_NOTE));
                if (upheld) {
                    rectifyAndClose(moves, decided, rectifyDue, random);
                }
            }
            return moves;
        }
        path -= APPEALED_CONTACTED;
        rectifyAndClose(moves, contacted, rectifyDue, random);
        if (path < NOT_CLOSED && lingers) {
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
        moves.add(new Move(rectified, SUPERVISOR, RectificationAction.RECTIFY, pick(RECTIFY_NOTES, random)));
        moves.add(new Move(workingHours(rectified, 1, 24, random), SUPERVISOR, RectificationAction.CLOSE, CLOSE_NOTE));
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
        final UUID id;
        final HistoryRating rating;
        final RectificationDues dues;
        final List<HistoryRectification.Step> steps = new ArrayList<>();
        final List<HistoryCase.CardChange> cards = new ArrayList<>();
        RectificationState state = RectificationState.OPEN;
        RectificationState appealedFrom;
        String appealedBy;
        SlaCard card = SlaCard.GREEN;
        Instant contacted;
        Instant rectified;
        Instant closed;
        Instant excluded;

        Life(UUID id, HistoryRating rating, RectificationDues dues) {
            this.id = id;
            this.rating = rating;
            this.dues = dues;
        }

        HistoryRectification run(List<Move> moves) {
            Instant at = rating.ratedAt();
            steps.add(new HistoryRectification.Step(at, OPENED_BY, "OPEN", null, state, null));
            for (Move m : moves) {
                if (!m.at().isBefore(cutoff)) {
                    break;
                }
                cardsUntil(at, m.at());
                RectificationState from = state;
                apply(m);
                steps.add(new HistoryRectification.Step(m.at(), m.actor(), m.action().name(), from, state, m.note()));
                at = m.at();
            }
            cardsUntil(at, cutoff);
            return new HistoryRectification(id, rating.id(), rating.department(), state, appealedFrom, appealedBy, steps.size() - 1,
                    rating.ratedAt(), dues.contactDue(), dues.rectifyDue(), dues.yellowFrom(calendar, state), card, contacted, rectified,
                    closed, excluded, List.copyOf(steps), List.copyOf(cards));
        }

        /** The move as the core makes it: where the machine sends it, the first contact and rectification kept, the appeal's who and whence. */
        private void apply(Move m) {
            RectificationState to = RectificationMachine.next(state, m.action(), appealedFrom);
            if (to == null) {
                throw new IllegalStateException(m.action() + " from " + state);
            }
            switch (m.action()) {
                case CONTACT -> contacted = contacted == null ? m.at() : contacted;
                case RECTIFY -> rectified = rectified == null ? m.at() : rectified;
                case CLOSE -> closed = m.at();
                case EXCLUDE -> excluded = m.at();
                case APPEAL -> {
                    appealedFrom = state;
                    appealedBy = m.actor();
                }
                case UPHOLD -> {
                    appealedFrom = null;
                    appealedBy = null;
                }
            }
            state = to;
        }

        /** While the card runs, each change from {@code from} (the card its dues give then) to before {@code to}. */
        private void cardsUntil(Instant from, Instant to) {
            if (!state.isRunning()) {
                return;
            }
            Instant yellow = dues.yellowFrom(calendar, state);
            TreeSet<Instant> instants = new TreeSet<>();
            instants.add(from);
            for (Instant i : new Instant[]{yellow, dues.rectifyDue()}) {
                if (i.isAfter(from) && i.isBefore(to)) {
                    instants.add(i);
                }
            }
            for (Instant i : instants) {
                SlaCard now = SlaCards.fromDues(i, yellow, dues.rectifyDue(), null);
                if (now != card) {
                    cards.add(new HistoryCase.CardChange(now, i, now == SlaCard.RED ? dues.rectifyDue() : now == SlaCard.YELLOW ? yellow : i));
                    card = now;
                }
            }
        }
    }
}
