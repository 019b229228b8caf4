package io.siban.sla.calendar;

import io.siban.common.problem.Problem.Violation;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Regional calendars: a calendar that names a {@code parent} extends it (a prefecture's calendar is
 * the national one plus its local holidays). Its effective calendar is the parent's effective one
 * with the child's own days over it:
 * <ul>
 *   <li>weekly hours: a weekday the child lists replaces the parent's hours of that weekday;</li>
 *   <li>a child's workday on a parent's holiday cancels that holiday, a child's holiday on a parent's
 *       make-up day cancels that make-up day (and the parent's own hours of that date); a cancelled
 *       date follows the weekly hours again, and the child's entry stays only where the weekly hours
 *       alone would not give what the child asked; the child's other days are added;</li>
 *   <li>date hours: the child's over the parent's;</li>
 *   <li>official years: the child's if it names them, else the parent's (so a local holiday never
 *       makes its year official);</li>
 *   <li>time zone: the parent's; a child that names one must name the same.</li>
 * </ul>
 * Pure: the store hands in the documents by id.
 */
public final class CalendarLineage {
    /** At most five calendars in a chain: nation, province, prefecture, county and one more. */
    public static final int MAX_CHAIN = 5;

    private CalendarLineage() {
    }

    /** The child over its parent's effective document; the result extends nothing. */
    public static CalendarDocument merge(CalendarDocument parent, CalendarDocument child) {
        TreeMap<DayOfWeek, List<List<String>>> weekly = new TreeMap<>(orEmpty(parent.weeklyHours()));
        weekly.putAll(orEmpty(child.weeklyHours()));
        TreeSet<LocalDate> holidays = new TreeSet<>(orEmpty(parent.holidays()));
        TreeSet<LocalDate> workdays = new TreeSet<>(orEmpty(parent.workdays()));
        TreeMap<LocalDate, List<List<String>>> dateHours = new TreeMap<>(orEmpty(parent.dateHours()));
        for (LocalDate day : orEmpty(child.workdays())) {
            boolean cancelled = holidays.remove(day);
            if (!cancelled || !hasWeeklyHours(weekly, day)) {
                workdays.add(day);
            }
        }
        for (LocalDate day : orEmpty(child.holidays())) {
            boolean cancelled = workdays.remove(day);
            dateHours.remove(day);
            if (!cancelled || hasWeeklyHours(weekly, day)) {
                holidays.add(day);
            }
        }
        dateHours.putAll(orEmpty(child.dateHours()));
        Set<Integer> officialYears = child.officialYears() != null ? child.officialYears()
                : CalendarYears.followsChineseLaw(parent) ? new TreeSet<>(CalendarYears.officialYears(parent)) : null;
        String timezone = child.timezone() != null ? child.timezone() : parent.timezone();
        return new CalendarDocument(child.name(), timezone, weekly, holidays, workdays, dateHours, officialYears, null);
    }

    /**
     * The notes on a calendar's own dates ({@link CalendarDocument#notes()}), judged by its effective
     * weekly hours; a date that cancels a parent's day changes something and has none.
     */
    public static List<CalendarDocument.Note> notes(String id, Map<String, CalendarDocument> documents) {
        CalendarDocument own = documents.get(id);
        if (own.parent() == null) {
            return own.notes();
        }
        CalendarDocument parent = effective(own.parent(), documents);
        CalendarDocument judged = new CalendarDocument(own.name(), parent.timezone(), merge(parent, own).weeklyHours(),
                own.holidays(), own.workdays(), own.dateHours(), own.officialYears());
        return judged.notes().stream().filter(note -> note.date() == null
                || !(note.field().startsWith("holidays[") ? orEmpty(parent.workdays()) : orEmpty(parent.holidays()))
                .contains(note.date())).toList();
    }

    /** The ids from {@code id} up to the calendar that extends none; empty when {@link #chainViolations} finds a fault. */
    public static List<String> chain(String id, Map<String, CalendarDocument> documents) {
        List<String> ids = new ArrayList<>();
        return chainViolations(id, documents, ids).isEmpty() ? ids : List.of();
    }

    /** The effective document of {@code id}; {@code documents} must hold its whole chain and the chain must be sound. */
    public static CalendarDocument effective(String id, Map<String, CalendarDocument> documents) {
        List<String> ids = new ArrayList<>();
        List<Violation> faults = chainViolations(id, documents, ids);
        if (!faults.isEmpty()) {
            throw new IllegalStateException("calendar '" + id + "' has no sound chain of parents: " + faults);
        }
        CalendarDocument effective = documents.get(ids.get(ids.size() - 1));
        for (int i = ids.size() - 2; i >= 0; i--) {
            effective = merge(effective, documents.get(ids.get(i)));
        }
        return effective;
    }

    /**
     * Every reason the calendar {@code id}, as {@code documents} hold it, cannot be stored: its chain
     * (a missing parent, a cycle, too deep), its time zone against its parent's, its effective calendar's
     * rules; and the same for each calendar in {@code documents} that extends it, named in the field.
     */
    public static List<Violation> violations(String id, Map<String, CalendarDocument> documents) {
        List<Violation> found = new ArrayList<>(own(id, documents, ""));
        if (!found.isEmpty()) {
            return found;
        }
        for (String other : new TreeSet<>(documents.keySet())) {
            List<String> ids = new ArrayList<>();
            chainViolations(other, documents, ids);
            if (!other.equals(id) && ids.contains(id)) {
                found.addAll(own(other, documents, "children." + other + "."));
            }
        }
        return found;
    }

    private static List<Violation> own(String id, Map<String, CalendarDocument> documents, String prefix) {
        List<Violation> found = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        chainViolations(id, documents, ids).forEach(v -> found.add(new Violation(prefix + v.field(), v.message())));
        CalendarDocument document = documents.get(id);
        if (!found.isEmpty() || document.parent() == null) {
            return found;
        }
        CalendarDocument parent = effective(document.parent(), documents);
        if (document.timezone() != null && !document.timezone().equals(parent.timezone())) {
            found.add(new Violation(prefix + "timezone", "must be the parent's (" + parent.timezone() + ") or be omitted"));
        }
        for (LocalDate both : new TreeSet<>(orEmpty(document.holidays()))) {
            if (orEmpty(document.workdays()).contains(both)) {
                found.add(new Violation(prefix + "holidays[" + both + "]", "is also listed in workdays"));
            }
        }
        if (found.isEmpty()) {
            merge(parent, document).violations().forEach(v -> found.add(new Violation(prefix + v.field(), v.message())));
        }
        return found;
    }

    /** Walks up from {@code id}, adding each id to {@code ids}; the faults name {@code parent}. */
    private static List<Violation> chainViolations(String id, Map<String, CalendarDocument> documents, List<String> ids) {
        String at = id;
        ids.add(id);
        while (documents.get(at).parent() != null) {
            String parent = documents.get(at).parent();
            String via = at.equals(id) ? "" : " (through '" + at + "')";
            if (ids.contains(parent)) {
                return List.of(new Violation("parent", "'" + parent + "'" + via + " would make a cycle: "
                        + String.join(" → ", ids) + " → " + parent));
            }
            if (!documents.containsKey(parent)) {
                return List.of(new Violation("parent", "calendar '" + parent + "'" + via + " does not exist"));
            }
            ids.add(parent);
            if (ids.size() > MAX_CHAIN) {
                return List.of(new Violation("parent", "a chain of calendars holds at most " + MAX_CHAIN + ": "
                        + String.join(" → ", ids) + " …"));
            }
            at = parent;
        }
        return List.of();
    }

    private static boolean hasWeeklyHours(Map<DayOfWeek, List<List<String>>> weekly, LocalDate day) {
        List<List<String>> hours = weekly.get(day.getDayOfWeek());
        return hours != null && !hours.isEmpty();
    }

    private static <T> Set<T> orEmpty(Set<T> set) {
        return set == null ? Set.of() : set;
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
