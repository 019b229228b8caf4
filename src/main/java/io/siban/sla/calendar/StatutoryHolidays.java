package io.siban.sla.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The holidays the law gives a year before (or without) the State Council's notice: the 13 days of
 * 《全国年节及纪念日放假办法》 as revised in 2024, and 补假 for the days that fall on a weekend.
 *
 * <ul>
 *   <li>元旦 1 January; 春节 除夕 (the last day of the twelfth lunar month, the 29th or the 30th) and
 *       正月初一 to 初三; 清明 the day of the 清明 solar term; 劳动节 1–2 May; 端午 五月初五; 中秋 八月十五;
 *       国庆 1–3 October.</li>
 *   <li>A <em>block</em> is a run of consecutive days each a statutory day or a Saturday/Sunday,
 *       from a statutory day to a statutory day. Each statutory day of the block on a Saturday or
 *       Sunday, and each day on which two festivals fall together (中秋 on a 国庆 day, as in 2028),
 *       is made up (补假) on the next Monday–Friday after the block that is not itself a holiday.</li>
 *   <li>No 调休 (weekend make-up working days): only a notice moves days.</li>
 * </ul>
 * Years are computed once and kept; the engine asks only for years from {@value #FROM_YEAR} to
 * {@value #UNTIL_YEAR}, the range in which the lunar and solar computations are checked to be sound.
 */
public final class StatutoryHolidays {
    public static final int FROM_YEAR = 1901;
    /** The first year of the 2024 law (13 days): a year before it is never provisional under it. */
    public static final int LAW_SINCE = 2025;
    public static final int UNTIL_YEAR = 2199;

    /** The festivals of the law, with their Chinese names. */
    public enum Festival {
        NEW_YEAR("元旦"), SPRING_FESTIVAL("春节"), QINGMING("清明"), LABOUR_DAY("劳动节"), DRAGON_BOAT("端午"),
        MID_AUTUMN("中秋"), NATIONAL_DAY("国庆");

        public final String chinese;

        Festival(String chinese) {
            this.chinese = chinese;
        }
    }

    /**
     * One year's provisional arrangement.
     *
     * @param statutory the statutory days and the festival of each (a day on which two fall keeps the first)
     * @param makeUp    the 补假 days (Monday–Friday)
     */
    public record Year(int year, SortedMap<LocalDate, Festival> statutory, SortedSet<LocalDate> makeUp) {
        public Year {
            statutory = Collections.unmodifiableSortedMap(new TreeMap<>(statutory));
            makeUp = Collections.unmodifiableSortedSet(new TreeSet<>(makeUp));
        }

        /** Every day off: the statutory days and the 补假 days. */
        public SortedSet<LocalDate> daysOff() {
            TreeSet<LocalDate> all = new TreeSet<>(statutory.keySet());
            all.addAll(makeUp);
            return Collections.unmodifiableSortedSet(all);
        }
    }

    private static final Map<Integer, Year> YEARS = new ConcurrentHashMap<>();
    private static final Map<Integer, SortedSet<LocalDate>> DAYS_OFF = new ConcurrentHashMap<>();

    private StatutoryHolidays() {
    }

    /** Whether {@link #of(int)} can compute {@code year}. */
    public static boolean covers(int year) {
        return year >= FROM_YEAR && year <= UNTIL_YEAR;
    }

    /** The provisional arrangement of {@code year}. */
    public static Year of(int year) {
        if (!covers(year)) {
            throw new IllegalArgumentException("statutory holidays are computed for " + FROM_YEAR + "–" + UNTIL_YEAR + ", not " + year);
        }
        return YEARS.computeIfAbsent(year, StatutoryHolidays::compute);
    }

    /** Whether {@code date} is a statutory or 补假 day of its year's provisional arrangement; false outside the years covered. */
    public static boolean isDayOff(LocalDate date) {
        int year = date.getYear();
        return covers(year) && DAYS_OFF.computeIfAbsent(year, y -> of(y).daysOff()).contains(date);
    }

    private static Year compute(int year) {
        List<Map.Entry<LocalDate, Festival>> days = new ArrayList<>();
        add(days, Festival.NEW_YEAR, LocalDate.of(year, 1, 1), 1);
        LocalDate newYear = LunarDates.newYear(year);
        add(days, Festival.SPRING_FESTIVAL, newYear.minusDays(1), 4);
        add(days, Festival.QINGMING, SolarTerms.date(year, SolarTerms.QINGMING), 1);
        add(days, Festival.LABOUR_DAY, LocalDate.of(year, 5, 1), 2);
        add(days, Festival.DRAGON_BOAT, LunarDates.dragonBoat(year), 1);
        add(days, Festival.MID_AUTUMN, LunarDates.midAutumn(year), 1);
        add(days, Festival.NATIONAL_DAY, LocalDate.of(year, 10, 1), 3);
        TreeMap<LocalDate, Festival> statutory = new TreeMap<>();
        TreeMap<LocalDate, Integer> owedOn = new TreeMap<>();
        for (Map.Entry<LocalDate, Festival> day : days) {
            if (statutory.putIfAbsent(day.getKey(), day.getValue()) != null || isWeekend(day.getKey())) {
                owedOn.merge(day.getKey(), 1, Integer::sum);
            }
        }
        return new Year(year, statutory, makeUpDays(statutory.navigableKeySet(), owedOn));
    }

    /** 补假: what each block owes, on the next free weekdays after it. */
    static NavigableSet<LocalDate> makeUpDays(NavigableSet<LocalDate> statutory, SortedMap<LocalDate, Integer> owedOn) {
        TreeSet<LocalDate> makeUp = new TreeSet<>();
        LocalDate blockStart = null;
        LocalDate blockEnd = null;
        for (LocalDate day : statutory) {
            if (blockEnd != null && !bridged(blockEnd, day)) {
                owe(statutory, makeUp, blockEnd, owed(owedOn, blockStart, blockEnd));
                blockStart = null;
            }
            if (blockStart == null) {
                blockStart = day;
            }
            blockEnd = day;
        }
        if (blockEnd != null) {
            owe(statutory, makeUp, blockEnd, owed(owedOn, blockStart, blockEnd));
        }
        return makeUp;
    }

    /** True when every day strictly between {@code last} and {@code next} is a Saturday or Sunday. */
    private static boolean bridged(LocalDate last, LocalDate next) {
        for (LocalDate d = last.plusDays(1); d.isBefore(next); d = d.plusDays(1)) {
            if (!isWeekend(d)) {
                return false;
            }
        }
        return true;
    }

    private static int owed(SortedMap<LocalDate, Integer> owedOn, LocalDate from, LocalDate to) {
        return owedOn.subMap(from, to.plusDays(1)).values().stream().mapToInt(Integer::intValue).sum();
    }

    private static void owe(NavigableSet<LocalDate> statutory, TreeSet<LocalDate> makeUp, LocalDate blockEnd, int owed) {
        for (LocalDate d = blockEnd.plusDays(1); owed > 0; d = d.plusDays(1)) {
            if (!isWeekend(d) && !statutory.contains(d) && makeUp.add(d)) {
                owed--;
            }
        }
    }

    private static void add(List<Map.Entry<LocalDate, Festival>> days, Festival festival, LocalDate first, int count) {
        for (int i = 0; i < count; i++) {
            days.add(Map.entry(first.plusDays(i), festival));
        }
    }

    static boolean isWeekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
