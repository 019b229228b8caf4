package io.siban.sla.calendar;

import java.time.LocalTime;
import java.util.Objects;

/**
 * One span of office hours inside a local day, read as the half-open wall-clock range
 * {@code [from, to)}: {@code from} is the opening, {@code to} the closing.
 *
 * <p>{@code to == LocalTime.MIDNIGHT} (00:00) means the end of the day (24:00), so a round-the-clock
 * office is {@code 00:00–24:00}. Times must be whole seconds. The record itself only rejects nulls;
 * {@link CalendarDefinition#violations()} reports an opening that is not before its closing, and
 * intervals of one day that are out of order or overlap.
 */
public record OfficeInterval(LocalTime from, LocalTime to) {

    static final int SECONDS_PER_DAY = 86_400;

    /** Rejects nulls only; ordering is checked by {@link CalendarDefinition#violations()}. */
    public OfficeInterval {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /**
     * Parses {@code "09:00"}-style times; {@code "24:00"} is accepted as the closing time for the
     * end of the day.
     *
     * @throws java.time.format.DateTimeParseException when a time is not ISO-8601 {@code HH:mm[:ss]}
     */
    public static OfficeInterval of(String from, String to) {
        return new OfficeInterval(LocalTime.parse(from), "24:00".equals(to) ? LocalTime.MIDNIGHT : LocalTime.parse(to));
    }

    /** Opening as seconds since local midnight, 0–86399. */
    public int fromSecond() {
        return from.toSecondOfDay();
    }

    /** Closing as seconds since local midnight, 1–86400 (00:00 is read as 24:00). */
    public int toSecond() {
        return to.equals(LocalTime.MIDNIGHT) ? SECONDS_PER_DAY : to.toSecondOfDay();
    }

    /** True when the opening is strictly before the closing. */
    public boolean isOrdered() {
        return fromSecond() < toSecond();
    }

    /** True when both times carry no fraction of a second. */
    public boolean isWholeSeconds() {
        return from.getNano() == 0 && to.getNano() == 0;
    }

    @Override
    public String toString() {
        return from + "–" + (to.equals(LocalTime.MIDNIGHT) ? "24:00" : to.toString());
    }
}
