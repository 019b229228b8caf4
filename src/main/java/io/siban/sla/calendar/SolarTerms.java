package io.siban.sla.calendar;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The date of a solar term in China time: the day on which the sun's apparent ecliptic longitude
 * reaches a given value, e.g. 15° for 清明.
 *
 * <p>The sun's position is Meeus' low-precision series (Astronomical Algorithms, ch. 25: geometric
 * longitude from the mean anomaly, nutation and aberration corrected), good to about 0.01°, i.e.
 * within about a quarter of an hour of the published moment; the moment is found by Newton steps in
 * terrestrial time, turned into UT with an estimate of ΔT, and read in UTC+8 (the Chinese calendar's
 * zone: a term published as 00:30 Beijing time on 5 April falls on 5 April, though it is 4 April in
 * UTC). A term within minutes of midnight could fall on the neighbouring day; the test checks the
 * published dates of 清明 from 2015 to 2035.
 */
public final class SolarTerms {
    /** 清明: the sun at 15°. */
    public static final double QINGMING = 15.0;

    private static final double J2000 = 2_451_545.0;
    private static final double UNIX_EPOCH_JD = 2_440_587.5;
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private SolarTerms() {
    }

    /**
     * The China-time date on which the sun reaches {@code longitude} degrees in Gregorian {@code year};
     * for longitudes from 0° to 270° (the terms from 春分 to 冬至, which fall between March and December).
     */
    public static LocalDate date(int year, double longitude) {
        double jde = moment(year, longitude);
        double ut = jde - deltaTSeconds(year) / 86_400.0;
        double chinaDays = ut - UNIX_EPOCH_JD + CHINA.getTotalSeconds() / 86_400.0;
        return LocalDate.ofEpochDay((long) Math.floor(chinaDays));
    }

    /** Julian ephemeris day of the moment (terrestrial time). */
    static double moment(int year, double longitude) {
        // start from the mean date: the sun moves about 360° in 365.2422 days from the March equinox (~20 March)
        double guess = LocalDate.of(year, 3, 20).toEpochDay() + UNIX_EPOCH_JD + 0.5
                + normalise(longitude) / 360.0 * 365.2422;
        double jde = guess;
        for (int i = 0; i < 50; i++) {
            double delta = signedDegrees(longitude - apparentLongitude(jde));
            jde += delta * 365.2422 / 360.0;
            if (Math.abs(delta) < 1e-7) {
                break;
            }
        }
        return jde;
    }

    /** The sun's apparent ecliptic longitude in degrees at Julian ephemeris day {@code jde}. */
    static double apparentLongitude(double jde) {
        double t = (jde - J2000) / 36_525.0;
        double l0 = 280.46646 + 36_000.76983 * t + 0.0003032 * t * t;
        double m = Math.toRadians(357.52911 + 35_999.05029 * t - 0.0001537 * t * t);
        double c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.sin(m)
                + (0.019993 - 0.000101 * t) * Math.sin(2 * m)
                + 0.000289 * Math.sin(3 * m);
        double omega = Math.toRadians(125.04 - 1934.136 * t);
        return normalise(l0 + c - 0.00569 - 0.00478 * Math.sin(omega));
    }

    /** ΔT = TT − UT in seconds (Espenak and Meeus' polynomials; outside 1900–2150 a parabola). */
    static double deltaTSeconds(int year) {
        double y = year + 0.5;
        if (y >= 2005 && y < 2050) {
            double t = y - 2000;
            return 62.92 + 0.32217 * t + 0.005589 * t * t;
        }
        if (y >= 1986 && y < 2005) {
            double t = y - 2000;
            return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t + 0.000651814 * t * t * t * t
                    + 0.00002373599 * t * t * t * t * t;
        }
        double u = (y - 1820) / 100;
        return -20 + 32 * u * u;
    }

    private static double normalise(double degrees) {
        double d = degrees % 360.0;
        return d < 0 ? d + 360.0 : d;
    }

    private static double signedDegrees(double degrees) {
        double d = normalise(degrees);
        return d > 180 ? d - 360 : d;
    }
}
