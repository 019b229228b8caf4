package io.siban.load;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Every knob of the load tests, read from system properties ({@code -Dname=value} on the Maven command
 * line is passed on to the Gatling JVM). Defaults are modest: this runs on a 2-core machine next to the
 * service, PostgreSQL and Redis.
 */
public final class LoadConfig {
    /** Service under test; only loopback addresses are accepted. */
    public final String baseUrl = str("baseUrl", "http://127.0.0.1:8080");
    /** Load halls {@code load-1 .. load-N} that the setup creates and the simulations spread over. */
    public final int halls = integer("halls", 2);
    /** Windows per load hall, each serving queues A, B and C, one clerk account per window. */
    public final int windows = integer("windows", 5);
    public final String adminUser = str("adminUser", "admin");
    public final String adminPassword = str("adminPassword", "admin");
    public final String clerkPassword = str("clerkPassword", "load-password");

    /** Kiosk load model: {@code open} (arrival rate, the opening rush) or {@code closed} (fixed kiosks looping). */
    public final String model = str("model", "open");
    /** Open model: new kiosk users per second during the constant phase (one ticket each). */
    public final double rate = dbl("rate", 20);
    /** Open model: rate reached at the end of the ramp that follows the constant phase. */
    public final double peakRate = dbl("peakRate", 40);
    /** Closed model: concurrent kiosks, each issuing tickets back to back (same number as pgbench clients). */
    public final int users = integer("users", 20);
    /** Length of the main (constant / closed / clerk) phase. */
    public final Duration duration = Duration.ofSeconds(integer("duration", 30));
    /** Length of the open-model ramp from {@code rate} to {@code peakRate}; 0 skips it. */
    public final Duration rampDuration = Duration.ofSeconds(integer("rampDuration", 15));

    /** Call-next: tickets issued per window before the clerks start, so they do not begin on an empty hall. */
    public final int prefillPerWindow = integer("prefillPerWindow", 5);
    /** Call-next: tickets per second fed by kiosks while the clerks call (spread over the halls). */
    public final double feedRate = dbl("feedRate", 20);
    /** Call-next: pause after a 204 (nobody waiting) or an unexpected answer. */
    public final Duration idlePause = Duration.ofMillis(integer("idlePauseMs", 50));
    /** Call-next: time between start and finish (the service itself); 0 = as fast as possible. */
    public final Duration serviceTime = Duration.ofMillis(integer("serviceMs", 0));

    /** Hard stop for every simulation, whatever the injection profile: main phase + ramp + this margin. */
    public final Duration stopMargin = Duration.ofSeconds(integer("stopMarginSeconds", 30));
    /** Where small machine-readable side results (call-next outcomes) are written. */
    public final Path resultsDir = Path.of(str("resultsDir", "../results")).toAbsolutePath().normalize();

    public LoadConfig() {
        requireLoopback(baseUrl);
        if (halls < 1 || halls > 50) throw new IllegalArgumentException("halls must be 1..50, was " + halls);
        if (windows < 1 || windows > 50) throw new IllegalArgumentException("windows must be 1..50, was " + windows);
        if (users < 1 || users > 500) throw new IllegalArgumentException("users must be 1..500, was " + users);
        if (rate <= 0 || rate > 2000 || peakRate < 0 || peakRate > 2000 || feedRate < 0 || feedRate > 2000) {
            throw new IllegalArgumentException("rates must be within 0..2000 per second");
        }
        if (duration.isZero() || duration.toSeconds() > 3600) throw new IllegalArgumentException("duration must be 1..3600 s");
        if (rampDuration.isNegative() || rampDuration.toSeconds() > 3600) throw new IllegalArgumentException("rampDuration must be 0..3600 s");
        if (!model.equals("open") && !model.equals("closed")) throw new IllegalArgumentException("model must be open or closed");
    }

    public String hallCode(int index) {
        return "load-" + index;
    }

    public String clerkUser(int hall, int window) {
        return "load-clerk-" + hall + "-" + window;
    }

    /** The longest a simulation may run, used with Gatling's maxDuration. */
    public Duration maxDuration(Duration mainPhase) {
        return mainPhase.plus(stopMargin);
    }

    @Override
    public String toString() {
        return "baseUrl=" + baseUrl + " halls=" + halls + " windows=" + windows + " model=" + model + " rate=" + rate
                + " peakRate=" + peakRate + " users=" + users + " duration=" + duration.toSeconds() + "s rampDuration="
                + rampDuration.toSeconds() + "s prefillPerWindow=" + prefillPerWindow + " feedRate=" + feedRate;
    }

    static void requireLoopback(String url) {
        URI uri = URI.create(url);
        String host = uri.getHost();
        if (host == null) throw new IllegalArgumentException("baseUrl has no host: " + url);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        boolean literal = host.matches("[0-9.]+") || host.contains(":");
        boolean loopback = host.equals("localhost");
        if (literal) { // an IP literal: no name lookup happens
            try {
                loopback = InetAddress.getByName(host).isLoopbackAddress();
            } catch (Exception e) {
                loopback = false;
            }
        }
        if (!loopback) {
            throw new IllegalArgumentException("load tests only target loopback (127.0.0.1, ::1, localhost), not " + url);
        }
    }

    private static String str(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int integer(String name, int fallback) {
        return Integer.parseInt(str(name, Integer.toString(fallback)));
    }

    private static double dbl(String name, double fallback) {
        return Double.parseDouble(str(name, Double.toString(fallback)));
    }
}
