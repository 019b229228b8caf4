package io.siban.sla.calendar;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Working days and office hours of one hall calendar, and the working-time arithmetic every deadline
 * uses. Immutable and thread-safe: build it once per calendar version and share it.
 *
 * <p>Conventions that hold for every method:
 * <ul>
 *   <li><b>Working day</b>: a day of the week with weekly hours (Monday–Friday, and Saturday or
 *       Sunday where they are given) unless a holiday; another day only when a make-up day.
 *       A make-up day has Monday's office hours unless {@code dateHours} gives its own. A day without
 *       office hours (its weekday has none, or its {@code dateHours} are empty) is <em>not</em> a
 *       working day: no deadline can fall on a day the office is closed.</li>
 *   <li><b>Provisional years</b> (Chinese calendars, {@link #of(CalendarDefinition, Set)}): in a year
 *       without an official arrangement the law's statutory days and 补假 are holidays too.</li>
 *   <li><b>Office hours</b> are local wall-clock intervals {@code [opening, closing)}: the opening
 *       instant is inside office hours, the closing instant is not.</li>
 *   <li><b>Resolution</b> is the second: instants are truncated to whole seconds
 *       ({@link Instant#getEpochSecond()}) and durations to whole seconds before any arithmetic.</li>
 *   <li><b>Daylight saving</b>: a wall-clock time is turned into an instant by
 *       {@code ZonedDateTime.of} — in a gap it moves later by the length of the gap, in an overlap it
 *       takes the earlier offset. Working time is real elapsed time between those instants, so a day
 *       whose office hours span a clock change is an hour shorter or longer.</li>
 *   <li>Year tables are built lazily, per local year, and cached; any year 1–9999 works. The cache is
 *       bounded: one slot per year from 1900 to 2399, and the {@value #OTHER_YEARS_CACHED} most
 *       recently used of the other years (older ones are rebuilt when asked for again).</li>
 * </ul>
 *
 * <p>Long because every method stands on the same epoch-second core and the
 * conventions above, which the property tests pin for the class as a whole; split, the conventions
 * would have to be restated in each part.
 */
public final class WorkingCalendar {

    private static final int MIN_YEAR = 1;
    private static final int MAX_YEAR = 9999;
    private static final int CACHED_FROM = 1900;
    private static final int CACHED_UNTIL = 2400;

    private final CalendarDefinition definition;
    /** The years whose holidays are the definition's alone; every other year adds the law's days. Null: no provisional years. */
    private final Set<Integer> officialYears;
    private final ZoneRules rules;
    private final AtomicReferenceArray<YearTable> cachedYears = new AtomicReferenceArray<>(CACHED_UNTIL - CACHED_FROM);
    static final int OTHER_YEARS_CACHED = 16;
    private final Map<Integer, YearTable> otherYears = Collections.synchronizedMap(new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, YearTable> eldest) {
            return size() > OTHER_YEARS_CACHED;
        }
    });

    private WorkingCalendar(CalendarDefinition definition, Set<Integer> officialYears) {
        this.definition = definition;
        this.officialYears = officialYears == null ? null : Set.copyOf(officialYears);
        this.rules = definition.zone().getRules();
    }

    /**
     * Builds the calendar and eagerly prepares the years its holidays, make-up days and date hours
     * mention (other years are prepared on first use).
     *
     * @throws InvalidCalendarException listing every violation when the definition is not valid
     */
    public static WorkingCalendar of(CalendarDefinition definition) {
        return of(definition, null);
    }

    /**
     * A calendar of a Chinese hall whose years not in {@code officialYears} are provisional: there the
     * statutory holidays and 补假 of the law ({@link StatutoryHolidays}) are days off besides the
     * definition's own holidays (a date the definition lists as a make-up working day stays one).
     * With {@code officialYears} null this is {@link #of(CalendarDefinition)}.
     *
     * @throws InvalidCalendarException listing every violation when the definition is not valid
     */
    public static WorkingCalendar of(CalendarDefinition definition, Set<Integer> officialYears) {
        Objects.requireNonNull(definition, "definition");
        List<CalendarViolation> violations = definition.violations();
        if (!violations.isEmpty()) {
            throw new InvalidCalendarException(violations);
        }
        WorkingCalendar calendar = new WorkingCalendar(definition, officialYears);
        definition.holidays().forEach(date -> calendar.table(date.getYear()));
        definition.makeUpWorkdays().forEach(date -> calendar.table(date.getYear()));
        definition.dateHours().keySet().forEach(date -> calendar.table(date.getYear()));
        return calendar;
    }

    /** The definition this calendar was built from. */
    public CalendarDefinition definition() {
        return definition;
    }

    /** Whether {@code year}'s holidays are provisional: the law's days, not a notice's arrangement. */
    public boolean isProvisional(int year) {
        return officialYears != null && !officialYears.contains(year);
    }

    /** The provisional local years from the year of {@code from} to the year of {@code to}, ascending. */
    public List<Integer> provisionalYears(Instant from, Instant to) {
        List<Integer> years = new ArrayList<>();
        if (officialYears == null) {
            return years;
        }
        int first = localDateTime(from.getEpochSecond()).getYear();
        int last = localDateTime(to.getEpochSecond()).getYear();
        for (int year = Math.min(first, last); year <= Math.max(first, last); year++) {
            if (isProvisional(year)) {
                years.add(year);
            }
        }
        return years;
    }

    /** The zone office hours are read in. */
    public ZoneId zone() {
        return definition.zone();
    }

    /**
     * Whether {@code date} is a working day: Monday–Friday unless a holiday, Saturday/Sunday only as a
     * make-up day, and in every case only if the office has hours that day.
     */
    public boolean isWorkingDay(LocalDate date) {
        return !hoursOn(date).isEmpty();
    }

    /**
     * The office hours of {@code date} as configured (wall-clock): empty on a non-working day; a
     * date's own {@code dateHours} if given; Monday's hours on a make-up day; else its weekday's hours.
     */
    public List<OfficeInterval> hoursOn(LocalDate date) {
        Objects.requireNonNull(date, "date");
        DayOfWeek day = date.getDayOfWeek();
        List<OfficeInterval> weekly = definition.weeklyHours().getOrDefault(day, List.of());
        boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
        boolean makeUp = definition.makeUpWorkdays().contains(date);
        if (definition.holidays().contains(date) || weekend && weekly.isEmpty() && !makeUp
                || isProvisional(date.getYear()) && StatutoryHolidays.isDayOff(date) && !makeUp) {
            return List.of();
        }
        List<OfficeInterval> own = definition.dateHours().get(date);
        if (own != null) {
            return own;
        }
        return makeUp ? definition.weeklyHours().getOrDefault(DayOfWeek.MONDAY, List.of()) : weekly;
    }

    /** Whether {@code instant} is inside office hours: opening inclusive, closing exclusive. */
    public boolean isOfficeHours(Instant instant) {
        long sec = instant.getEpochSecond();
        return tableContaining(sec).isOfficeHours(sec);
    }

    /** The working dates from {@code from} to {@code to}, both inclusive, ascending; empty if {@code to < from}. */
    public List<LocalDate> workingDates(LocalDate from, LocalDate to) {
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            if (isWorkingDay(date)) {
                dates.add(date);
            }
        }
        return dates;
    }

    /** {@code instant} itself if inside office hours, else the next opening (a closing instant moves on to the next opening). */
    public Instant nextOpening(Instant instant) {
        return Instant.ofEpochSecond(nextOpeningSecond(instant.getEpochSecond()));
    }

    /**
     * The instant at which {@code workingTime} of office hours has passed from {@code start}. A start
     * outside office hours begins at the next opening. When the budget runs out exactly at a closing
     * time the result is that closing time, not the next opening. A zero duration gives
     * {@link #nextOpening(Instant) nextOpening(start)} (the effective start).
     *
     * @throws IllegalArgumentException when {@code workingTime} is negative
     */
    public Instant addWorkingTime(Instant start, Duration workingTime) {
        long seconds = nonNegativeSeconds(workingTime);
        long sec = start.getEpochSecond();
        if (seconds == 0) {
            return Instant.ofEpochSecond(nextOpeningSecond(sec));
        }
        int ref = yearOf(sec);
        return Instant.ofEpochSecond(instantAtPosition(position(sec, ref) + seconds, ref));
    }

    /**
     * The earliest instant from which exactly {@code workingTime} of office hours remains until
     * {@code end} — i.e. from which {@code workingTimeBetween(t, end) <= workingTime}. When that
     * moment falls at an opening, the result is the previous closing time (no working time lies
     * between them). This is when a card with that threshold turns yellow. For {@code end} produced by
     * {@link #addWorkingTime} with a positive duration,
     * {@code addWorkingTime(subtractWorkingTime(end, d), d) == end}.
     *
     * @throws IllegalArgumentException when {@code workingTime} is negative
     */
    public Instant subtractWorkingTime(Instant end, Duration workingTime) {
        long seconds = nonNegativeSeconds(workingTime);
        long sec = end.getEpochSecond();
        int ref = yearOf(sec);
        return Instant.ofEpochSecond(instantAtPosition(position(sec, ref) - seconds, ref));
    }

    /**
     * Working time inside {@code [from, to)}; zero when {@code to <= from}.
     */
    public Duration workingTimeBetween(Instant from, Instant to) {
        return Duration.ofSeconds(workingSecondsBetween(from.getEpochSecond(), to.getEpochSecond()));
    }

    /**
     * Close of office hours on the {@code n}-th working day after the local date of {@code start}
     * ("N working days after acceptance", Civil Code §201–203): the start date never counts, whether
     * or not it is a working day, and whatever the time of day.
     *
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public Instant endOfNthWorkingDay(Instant start, int n) {
        requirePositive(n);
        long sec = start.getEpochSecond();
        YearTable table = tableContaining(sec);
        int rank = table.workingDaysUpTo[table.dayIndexOf(sec)] + n;
        while (rank > table.workingDayCount()) {
            rank -= table.workingDayCount();
            table = table(table.year + 1);
        }
        return Instant.ofEpochSecond(table.closingOfWorkingDay(rank - 1));
    }

    /**
     * The same local time on the {@code n}-th working day after the start day. A start outside office
     * hours (before opening, in a break, at or after closing, on a non-working day) first moves to the
     * next opening, as every clock does; the start day is the local date of that effective start and
     * never counts. If the same time is not within the target day's office hours (a day with other
     * hours) — a closing time counts as within — the result is the next office-hours instant.
     * Accepted Tue 10:00 → Wed 10:00; accepted Fri 15:00 before a make-up Saturday → Sat 15:00;
     * accepted Tue 12:30 → Wed 13:00; accepted Tue 17:30 or Sat 10:00 → the following working day's
     * opening plus one working day.
     *
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public Instant sameTimeNthWorkingDay(Instant start, int n) {
        requirePositive(n);
        LocalDateTime local = localDateTime(nextOpeningSecond(start.getEpochSecond()));
        return Instant.ofEpochSecond(sameTimeOrNextOpening(nthWorkingDayAfter(local.toLocalDate(), n), local.toLocalTime()));
    }

    /** The {@code n}-th working day after {@code date} ({@code date} itself never counts). */
    public LocalDate nthWorkingDayAfter(LocalDate date, int n) {
        requirePositive(n);
        YearTable table = table(date.getYear());
        int rank = table.workingDaysUpTo[date.getDayOfYear() - 1] + n;
        while (rank > table.workingDayCount()) {
            rank -= table.workingDayCount();
            table = table(table.year + 1);
        }
        return table.date(table.workingDays[rank - 1]);
    }

    /** The {@code n}-th working day before {@code date} ({@code date} itself never counts). */
    public LocalDate nthWorkingDayBefore(LocalDate date, int n) {
        requirePositive(n);
        YearTable table = table(date.getYear());
        int d = date.getDayOfYear() - 1;
        int rank = table.workingDaysUpTo[d] - (table.isWorkingDayIndex(d) ? 1 : 0) - n + 1;
        while (rank < 1) {
            table = table(table.year - 1);
            rank += table.workingDayCount();
        }
        return table.date(table.workingDays[rank - 1]);
    }

    /** Close of office hours on {@code date}, which must be a working day. */
    public Instant closingOn(LocalDate date) {
        if (!isWorkingDay(date)) {
            throw new IllegalArgumentException(date + " is not a working day");
        }
        YearTable table = table(date.getYear());
        return Instant.ofEpochSecond(table.close[table.firstInterval[date.getDayOfYear()] - 1]);
    }

    // ---- epoch-second core, shared with the deadline engine (sla.deadline: DeadlineCalculator, SlaCards) ----

    public long sameTimeOrNextOpening(LocalDate date, LocalTime time) {
        long candidate = YearTable.epochSecond(date, time, zone());
        YearTable table = table(date.getYear());
        return table.withinHoursInclusive(date.getDayOfYear() - 1, candidate) ? candidate : nextOpeningSecond(candidate);
    }

    public LocalDateTime localDateTime(long sec) {
        return LocalDateTime.ofEpochSecond(sec, 0, rules.getOffset(Instant.ofEpochSecond(sec)));
    }

    public long nextOpeningSecond(long sec) {
        YearTable table = tableContaining(sec);
        long opening = table.nextOpening(sec);
        while (opening == Long.MIN_VALUE) {
            table = table(table.year + 1);
            opening = table.nextOpening(table.startEpoch);
        }
        return opening;
    }

    public long workingSecondsBetween(long from, long to) {
        if (to <= from) {
            return 0;
        }
        int ref = yearOf(from);
        return position(to, ref) - position(from, ref);
    }

    int yearOf(long sec) {
        return tableContaining(sec).year;
    }

    /** {@link #position(long, int)} with a fast path for instants inside the reference year's table. */
    public long position(long sec, YearTable ref) {
        return ref.contains(sec) ? ref.workedBefore(sec) : position(sec, ref.year);
    }

    /** {@link #instantAtPosition(long, int)} with a fast path for positions inside the reference year. */
    public long instantAtPosition(long target, YearTable ref) {
        return target > 0 && target <= ref.total() ? ref.instantAtWorked(target) : instantAtPosition(target, ref.year);
    }

    /** Working seconds from the start of local year {@code ref} to {@code sec} (negative before it). */
    long position(long sec, int ref) {
        YearTable table = tableContaining(sec);
        long worked = table.workedBefore(sec);
        for (int y = ref; y < table.year; y++) {
            worked += table(y).total();
        }
        for (int y = table.year; y < ref; y++) {
            worked -= table(y).total();
        }
        return worked;
    }

    /** The earliest instant whose {@link #position} is {@code >= target}. */
    long instantAtPosition(long target, int ref) {
        YearTable table = table(ref);
        long local = target;
        while (local > table.total()) {
            local -= table.total();
            table = table(table.year + 1);
        }
        while (local <= 0) {
            table = table(table.year - 1);
            local += table.total();
        }
        return table.instantAtWorked(local);
    }

    public YearTable tableContaining(long sec) {
        long epochDay = Math.floorDiv(sec, OfficeInterval.SECONDS_PER_DAY);
        YearTable table = table((int) Math.floorDiv(epochDay * 400 + 146_097 / 2, 146_097) + 1970);
        while (sec < table.startEpoch) {
            table = table(table.year - 1);
        }
        while (sec >= table.endEpoch) {
            table = table(table.year + 1);
        }
        return table;
    }

    YearTable table(int year) {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new DateTimeException("year " + year + " is outside the supported range " + MIN_YEAR + "–" + MAX_YEAR);
        }
        if (year >= CACHED_FROM && year < CACHED_UNTIL) {
            int slot = year - CACHED_FROM;
            YearTable table = cachedYears.get(slot);
            if (table == null) {
                table = YearTable.build(year, zone(), this::hoursOn);
                if (!cachedYears.compareAndSet(slot, null, table)) {
                    table = cachedYears.get(slot);
                }
            }
            return table;
        }
        return otherYears.computeIfAbsent(year, y -> YearTable.build(y, zone(), this::hoursOn));
    }

    /** How many year tables this calendar holds now. */
    int cachedYearCount() {
        int count = otherYears.size();
        for (int slot = 0; slot < cachedYears.length(); slot++) {
            if (cachedYears.get(slot) != null) {
                count++;
            }
        }
        return count;
    }

    static long nonNegativeSeconds(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("working time must not be negative: " + duration);
        }
        return duration.getSeconds();
    }

    private static void requirePositive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("working-day count must be at least 1: " + n);
        }
    }

    @Override
    public String toString() {
        return "WorkingCalendar[" + zone() + ", " + definition.holidays().size() + " holidays, "
                + definition.makeUpWorkdays().size() + " make-up days" + (officialYears == null ? "" : ", official years " + new java.util.TreeSet<>(officialYears)) + "]";
    }
}
