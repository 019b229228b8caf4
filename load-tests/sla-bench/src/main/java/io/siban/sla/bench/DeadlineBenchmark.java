package io.siban.sla.bench;

import io.siban.sla.calendar.CalendarDefinition;
import io.siban.sla.deadline.DeadlineCalculator;
import io.siban.sla.deadline.DeadlineLimit;
import io.siban.sla.deadline.DeadlineResult;
import io.siban.sla.deadline.DeadlineRule;
import io.siban.sla.deadline.Pause;
import io.siban.sla.calendar.WorkingCalendar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Deadline computations per second on one thread, over the shipped 2025–2026 China calendar:
 * 4096 random acceptance instants in 2025–2026, each with 10 random pauses (補正/special procedures)
 * of up to two days inside the following 30 days.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DeadlineBenchmark {

    private static final int CASES = 4096;
    private static final DeadlineLimit TWENTY_WORKING_DAYS = DeadlineLimit.workingDays(20);
    private static final DeadlineLimit ONE_HUNDRED_FORTY_WORKING_HOURS = DeadlineLimit.workingTime(Duration.ofHours(140));

    private WorkingCalendar calendar;
    private Instant[] starts;
    private List<List<Pause>> pauses;
    private int next;

    @Setup
    public void setUp() {
        calendar = WorkingCalendar.of(shippedChinaCalendar());
        Random random = new Random(20261010L);
        long from = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond();
        long span = Instant.parse("2026-12-01T00:00:00Z").getEpochSecond() - from;
        starts = new Instant[CASES];
        pauses = new ArrayList<>(CASES);
        for (int i = 0; i < CASES; i++) {
            Instant start = Instant.ofEpochSecond(from + (long) (random.nextDouble() * span));
            starts[i] = start;
            List<Pause> ten = new ArrayList<>(10);
            for (int p = 0; p < 10; p++) {
                Instant pauseFrom = start.plusSeconds((long) (random.nextDouble() * 30 * 86_400));
                ten.add(new Pause(pauseFrom, pauseFrom.plusSeconds((long) (random.nextDouble() * 2 * 86_400))));
            }
            pauses.add(List.copyOf(ten));
        }
    }

    private int nextCase() {
        next = (next + 1) & (CASES - 1);
        return next;
    }

    @Benchmark
    public DeadlineResult endOfTwentiethWorkingDay() {
        int i = nextCase();
        return DeadlineCalculator.compute(calendar, starts[i], DeadlineRule.END_OF_NTH_WORKING_DAY, TWENTY_WORKING_DAYS, List.of());
    }

    @Benchmark
    public DeadlineResult endOfTwentiethWorkingDayWithTenPauses() {
        int i = nextCase();
        return DeadlineCalculator.compute(calendar, starts[i], DeadlineRule.END_OF_NTH_WORKING_DAY, TWENTY_WORKING_DAYS, pauses.get(i));
    }

    @Benchmark
    public DeadlineResult workingTimeWithTenPauses() {
        int i = nextCase();
        return DeadlineCalculator.compute(calendar, starts[i], DeadlineRule.WORKING_TIME, ONE_HUNDRED_FORTY_WORKING_HOURS, pauses.get(i));
    }

    @Benchmark
    public DeadlineResult sameTimeNextWorkingDayWithTenPauses() {
        int i = nextCase();
        return DeadlineCalculator.compute(calendar, starts[i], DeadlineRule.WORKING_DAYS_SAME_TIME, DeadlineLimit.workingDays(1), pauses.get(i));
    }

    /** The shipped JSON read without a JSON library: its weekday dates are holidays, its weekend dates make-up days. */
    static CalendarDefinition shippedChinaCalendar() {
        try (InputStream in = DeadlineBenchmark.class.getResourceAsStream("/calendars/china-calendar-2025-2026.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Set<LocalDate> holidays = new HashSet<>();
            Set<LocalDate> makeUps = new HashSet<>();
            Matcher dates = Pattern.compile("\"(\\d{4}-\\d{2}-\\d{2})\"").matcher(json);
            while (dates.find()) {
                LocalDate date = LocalDate.parse(dates.group(1));
                boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
                (weekend ? makeUps : holidays).add(date);
            }
            return CalendarDefinition.chinaServiceHall(holidays, makeUps);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
