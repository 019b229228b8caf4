package io.siban.sla.calendar;

import java.time.LocalDate;

/**
 * The China-time date of a new moon (朔), from Meeus' phase series (Astronomical Algorithms, ch. 49:
 * the mean phase with its 25 periodic terms and 14 planetary corrections, good to well under a
 * minute for these centuries).
 *
 * <p>Needed because ICU4J's own lunar position is several minutes off: its new moon of 6 February
 * 2027 (15:56 UT, 23:56 in Beijing) comes after midnight Beijing time and that of 2 February 2030
 * (16:07 UT, 00:07 in Beijing) before it, which would put 春节 2027 and 2030 a day late and a day
 * early. A lunar month starts on the China-time day of its new moon, so {@link LunarDates} takes the
 * month from ICU and its first day from here.
 */
final class NewMoons {
    private static final double UNIX_EPOCH_JD = 2_440_587.5;
    private static final double CHINA_OFFSET_DAYS = 8 / 24.0;

    private NewMoons() {
    }

    /** The China-time date of the new moon nearest to {@code near} (which must be within ten days of it). */
    static LocalDate chinaDateNear(LocalDate near) {
        double years = near.getYear() + (near.getDayOfYear() - 0.5) / near.lengthOfYear() - 2000;
        long k = Math.round(years * 12.3685);
        LocalDate best = null;
        for (long candidate = k - 1; candidate <= k + 1; candidate++) {
            LocalDate date = chinaDate(candidate, near.getYear());
            if (best == null || Math.abs(date.toEpochDay() - near.toEpochDay()) < Math.abs(best.toEpochDay() - near.toEpochDay())) {
                best = date;
            }
        }
        return best;
    }

    private static LocalDate chinaDate(long k, int year) {
        double ut = newMoonJde(k) - SolarTerms.deltaTSeconds(year) / 86_400.0;
        return LocalDate.ofEpochDay((long) Math.floor(ut - UNIX_EPOCH_JD + CHINA_OFFSET_DAYS));
    }

    /** Julian ephemeris day of new moon number {@code k} (k = 0: 6 January 2000). */
    static double newMoonJde(long k) {
        double t = k / 1236.85;
        double t2 = t * t;
        double t3 = t2 * t;
        double t4 = t3 * t;
        double jde = 2_451_550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
        double e = 1 - 0.002516 * t - 0.0000074 * t2;
        double m = rad(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3);
        double mp = rad(201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4);
        double f = rad(160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4);
        double omega = rad(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3);
        double correction = -0.40720 * Math.sin(mp)
                + 0.17241 * e * Math.sin(m)
                + 0.01608 * Math.sin(2 * mp)
                + 0.01039 * Math.sin(2 * f)
                + 0.00739 * e * Math.sin(mp - m)
                - 0.00514 * e * Math.sin(mp + m)
                + 0.00208 * e * e * Math.sin(2 * m)
                - 0.00111 * Math.sin(mp - 2 * f)
                - 0.00057 * Math.sin(mp + 2 * f)
                + 0.00056 * e * Math.sin(2 * mp + m)
                - 0.00042 * Math.sin(3 * mp)
                + 0.00042 * e * Math.sin(m + 2 * f)
                + 0.00038 * e * Math.sin(m - 2 * f)
                - 0.00024 * e * Math.sin(2 * mp - m)
                - 0.00017 * Math.sin(omega)
                - 0.00007 * Math.sin(mp + 2 * m)
                + 0.00004 * Math.sin(2 * mp - 2 * f)
                + 0.00004 * Math.sin(3 * m)
                + 0.00003 * Math.sin(mp + m - 2 * f)
                + 0.00003 * Math.sin(2 * mp + 2 * f)
                - 0.00003 * Math.sin(mp + m + 2 * f)
                + 0.00003 * Math.sin(mp - m + 2 * f)
                - 0.00002 * Math.sin(mp - m - 2 * f)
                - 0.00002 * Math.sin(3 * mp + m)
                + 0.00002 * Math.sin(4 * mp);
        double[][] planetary = {
                {299.77, 0.107408, 0.000325}, {251.88, 0.016321, 0.000165}, {251.83, 26.651886, 0.000164},
                {349.42, 36.412478, 0.000126}, {84.66, 18.206239, 0.000110}, {141.74, 53.303771, 0.000062},
                {207.14, 2.453732, 0.000060}, {154.84, 7.306860, 0.000056}, {34.52, 27.261239, 0.000047},
                {207.19, 0.121824, 0.000042}, {291.34, 1.844379, 0.000040}, {161.72, 24.198154, 0.000037},
                {239.56, 25.513099, 0.000035}, {331.55, 3.592518, 0.000023}};
        for (int i = 0; i < planetary.length; i++) {
            double argument = planetary[i][0] + planetary[i][1] * k - (i == 0 ? 0.009173 * t2 : 0);
            correction += planetary[i][2] * Math.sin(rad(argument));
        }
        return jde + correction;
    }

    private static double rad(double degrees) {
        return Math.toRadians(degrees % 360.0);
    }
}
