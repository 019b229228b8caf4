package io.siban.sla.calendar.notice;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One year's arrangement as a State Council notice states it: every festival block's days off (weekend
 * dates included, as the notice counts them), days off in lieu (补休) and make-up working days (上班).
 * Which of them change a given calendar is the calendar's business (its weekly hours), not the notice's.
 */
public record Notice(int year, List<Festival> festivals, List<Remark> remarks) {

    public Notice {
        festivals = List.copyOf(festivals);
        remarks = List.copyOf(remarks);
    }

    /** One numbered paragraph: "二、春节：…". */
    public record Festival(String number, String name, SortedSet<LocalDate> daysOff, SortedSet<LocalDate> workdays) {
        public Festival {
            daysOff = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(daysOff));
            workdays = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(workdays));
        }
    }

    /** Something read that changes no date, said once: which paragraph, and what was read. */
    public record Remark(String paragraph, String text) {
    }

    /** Every day off the notice names, in date order. */
    public SortedSet<LocalDate> daysOff() {
        SortedSet<LocalDate> all = new TreeSet<>();
        festivals.forEach(festival -> all.addAll(festival.daysOff()));
        return all;
    }

    /** Every make-up working day the notice names, in date order. */
    public SortedSet<LocalDate> workdays() {
        SortedSet<LocalDate> all = new TreeSet<>();
        festivals.forEach(festival -> all.addAll(festival.workdays()));
        return all;
    }
}
