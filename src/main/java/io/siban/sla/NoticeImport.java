package io.siban.sla;

import io.siban.common.problem.Problem.Violation;
import io.siban.common.problem.ProblemException;
import io.siban.sla.calendar.CalendarDocument;
import io.siban.sla.calendar.notice.Notice;
import io.siban.sla.calendar.notice.UnreadableNotice;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What loading a notice does to a calendar, computed without storing anything: the notice's days off
 * that take a working day off this calendar and its make-up days that open a day it is closed (the
 * others are notes), the year's dates replaced by them, the year added to {@code officialYears}, and
 * the difference from the stored document.
 */
public final class NoticeImport {

    private NoticeImport() {
    }

    @Schema(name = "NoticeDates")
    public record Dates(SortedSet<LocalDate> holidays, SortedSet<LocalDate> workdays) {
    }

    @Schema(name = "NoticeChanges", description = "dates the calendar gains and loses by the notice")
    public record Changes(Dates added, Dates removed) {
    }

    @Schema(name = "NoticeFestival", description = "one numbered paragraph as read: its days off and make-up days as the notice names them")
    public record Festival(@Schema(example = "二") String number, @Schema(example = "春节") String name,
                    SortedSet<LocalDate> daysOff, SortedSet<LocalDate> workdays) {
    }

    @Schema(name = "NoticeImport", description = "the year as the notice sets it on this calendar; applied: whether it was stored")
    public record View(@Schema(example = "2026") int year, SortedSet<LocalDate> holidays, SortedSet<LocalDate> workdays,
                List<CalendarDocument.Note> notes, Changes changes, List<Festival> festivals,
                boolean applied, @Schema(description = "the calendar's version after apply; null in a preview") Long version) {
        View storedAs(long storedVersion) {
            return new View(year, holidays, workdays, notes, changes, festivals, true, storedVersion);
        }
    }

    /** A preview and the document an apply would store. */
    public record Outcome(View view, CalendarDocument updated) {
    }

    static Outcome of(CalendarDocument old, Notice notice) {
        int year = notice.year();
        List<CalendarDocument.Note> notes = new ArrayList<>();
        notice.remarks().forEach(remark -> notes.add(new CalendarDocument.Note(remark.paragraph(), null, remark.text())));
        SortedSet<LocalDate> holidays = new TreeSet<>();
        SortedSet<LocalDate> workdays = new TreeSet<>();
        for (Notice.Festival festival : notice.festivals()) {
            String from = " (paragraph " + festival.number() + ", " + festival.name() + ")";
            festival.daysOff().forEach(date -> keep(date, old.holidayNote(date), "holidays", from, holidays, notes));
            festival.workdays().forEach(date -> keep(date, old.workdayNote(date), "workdays", from, workdays, notes));
        }
        notes.sort(java.util.Comparator.comparing((CalendarDocument.Note note) -> note.date() == null ? LocalDate.MIN : note.date()));
        Set<LocalDate> newHolidays = replaceYear(old.holidays(), holidays, year);
        Set<LocalDate> newWorkdays = replaceYear(old.workdays(), workdays, year);
        SortedSet<Integer> official = old.officialYearsOrImplied();
        official.add(year);
        CalendarDocument updated = new CalendarDocument(old.name(), old.timezone(), old.weeklyHours(), newHolidays,
                newWorkdays, old.dateHours(), official, old.parent());
        List<Violation> violations = updated.violations();
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        Set<LocalDate> oldHolidays = old.holidays() == null ? Set.of() : old.holidays();
        Set<LocalDate> oldWorkdays = old.workdays() == null ? Set.of() : old.workdays();
        Changes changes = new Changes(new Dates(minus(newHolidays, oldHolidays), minus(newWorkdays, oldWorkdays)),
                new Dates(minus(oldHolidays, newHolidays), minus(oldWorkdays, newWorkdays)));
        List<Festival> festivals = notice.festivals().stream()
                .map(f -> new Festival(f.number(), f.name(), f.daysOff(), f.workdays())).toList();
        return new Outcome(new View(year, holidays, workdays, List.copyOf(notes), changes, festivals, false, null), updated);
    }

    /** The 422 of a notice that cannot be read: one violation per part, naming it. */
    static ProblemException unreadable(UnreadableNotice notice) {
        List<Violation> reasons = notice.reasons().stream().map(r -> new Violation(r.part(), r.message())).toList();
        return new NoticeProblem(422, "notice-unreadable", "Notice cannot be read",
                reasons.size() == 1 ? reasons.get(0).field() + ": " + reasons.get(0).message()
                        : reasons.size() + " parts of the notice cannot be read", reasons);
    }

    /**
     * A notice of a year under the 2024 law must give each of the law's days off: one that leaves a festival
     * out is a partial paste (or not the notice), and applied it would make a year official without it.
     */
    static void givesTheLawsDays(Notice notice) {
        int year = notice.year();
        if (year < io.siban.sla.calendar.StatutoryHolidays.LAW_SINCE || !io.siban.sla.calendar.StatutoryHolidays.covers(year)) {
            return;
        }
        java.util.Map<String, List<java.time.LocalDate>> missing = new java.util.LinkedHashMap<>();
        io.siban.sla.calendar.StatutoryHolidays.of(year).statutory().forEach((date, festival) -> {
            if (!notice.daysOff().contains(date)) {
                missing.computeIfAbsent(festival.chinese, f -> new java.util.ArrayList<>()).add(date);
            }
        });
        if (!missing.isEmpty()) {
            throw unreadable(new UnreadableNotice(List.of(new UnreadableNotice.Reason("body", "gives no day off for "
                    + missing + ", days off by law (全国年节及纪念日放假办法): a notice names every festival; paste it whole"))));
        }
    }

    /** The 413 of a body longer than any notice. */
    static ProblemException tooLarge(int chars, int limit) {
        return new NoticeProblem(413, "too-large", "Content Too Large",
                "the notice is " + chars + " characters; a notice has at most " + limit, null);
    }

    private static void keep(LocalDate date, String changesNothing, String list, String from,
                             SortedSet<LocalDate> kept, List<CalendarDocument.Note> notes) {
        if (changesNothing == null) {
            kept.add(date);
        } else {
            notes.add(new CalendarDocument.Note(list + "[" + date + "]", date, changesNothing + from));
        }
    }

    private static Set<LocalDate> replaceYear(Set<LocalDate> existing, Set<LocalDate> replacement, int year) {
        Set<LocalDate> result = new TreeSet<>();
        if (existing != null) {
            existing.stream().filter(d -> d.getYear() != year).forEach(result::add);
        }
        result.addAll(replacement);
        return result;
    }

    private static SortedSet<LocalDate> minus(Set<LocalDate> a, Set<LocalDate> b) {
        SortedSet<LocalDate> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    private static final class NoticeProblem extends ProblemException {
        NoticeProblem(int status, String slug, String title, String detail, List<Violation> violations) {
            super(status, slug, title, detail, violations);
        }
    }
}
