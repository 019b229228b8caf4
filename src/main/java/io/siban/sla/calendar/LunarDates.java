package io.siban.sla.calendar;

import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.ChineseCalendar;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;

import java.time.LocalDate;
import java.time.MonthDay;

/**
 * Chinese (农历) dates of a Gregorian year: which lunar month is which from ICU4J's Chinese calendar,
 * the day each month starts from {@link NewMoons}.
 *
 * <p>ICU is read, never set: each Gregorian date in a window is converted to its lunar month and day,
 * and the first day of the wanted month is taken. This avoids the traps of setting ICU's fields: its
 * {@code MONTH} is the lunar month number counted from 0 (正月 = 0, 五月 = 4) and a leap month
 * (闰月) repeats the number of the month before it with {@code IS_LEAP_MONTH = 1}, so a festival is
 * always in the month with that number that is <em>not</em> leap. The calendar object is put in UTC
 * and given noon UTC of each date, so the date it reads is that very date whatever the machine's
 * zone (ICU works out new moons and solar terms in UTC+8 itself). ICU's moon, though, is minutes off,
 * enough to start 正月 of 2027 and 2030 on the wrong day, so the month's first day is the China-time
 * date of the accurately computed new moon nearest to ICU's.
 */
final class LunarDates {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private LunarDates() {
    }

    /**
     * The Gregorian date in {@code year} of lunar {@code month} (1–12, not leap) and {@code day}, the
     * month's first day being searched from {@code from} to {@code to}.
     */
    static LocalDate find(int year, int month, int day, MonthDay from, MonthDay to) {
        ChineseCalendar chinese = new ChineseCalendar(TimeZone.getTimeZone("UTC"), ULocale.ROOT);
        for (LocalDate date = from.atYear(year); !date.isAfter(to.atYear(year)); date = date.plusDays(1)) {
            chinese.setTimeInMillis(date.toEpochDay() * MILLIS_PER_DAY + MILLIS_PER_DAY / 2);
            if (chinese.get(Calendar.IS_LEAP_MONTH) == 0 && chinese.get(Calendar.MONTH) == month - 1
                    && chinese.get(Calendar.DAY_OF_MONTH) == 1) {
                return NewMoons.chinaDateNear(date).plusDays(day - 1L);
            }
        }
        throw new IllegalStateException("lunar month " + month + " does not start between " + from + " and " + to + " in " + year);
    }

    /** 正月初一 of the lunar year that begins in Gregorian {@code year} (always between 21 January and 20 February). */
    static LocalDate newYear(int year) {
        return find(year, 1, 1, MonthDay.of(1, 15), MonthDay.of(2, 25));
    }

    /** 五月初五 (端午). */
    static LocalDate dragonBoat(int year) {
        return find(year, 5, 5, MonthDay.of(5, 10), MonthDay.of(6, 25));
    }

    /** 八月十五 (中秋). */
    static LocalDate midAutumn(int year) {
        return find(year, 8, 15, MonthDay.of(8, 15), MonthDay.of(10, 5));
    }
}
