package io.siban.sla.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Year tables are built lazily; threads racing to build them must all see the same answers. */
class WorkingCalendarConcurrencyTest {

    @Test
    void concurrentFirstUseGivesTheSameDeadlines() throws Exception {
        Instant first = Instant.parse("2030-01-01T00:00:00Z");
        List<Instant> starts = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            starts.add(first.plus(Duration.ofHours(37L * i)));
        }
        WorkingCalendar reference = WorkingCalendar.of(ChinaCalendars.definition());
        List<Instant> expected = starts.stream()
                .map(start -> reference.addWorkingTime(reference.nextOpening(start), Duration.ofHours(300))).toList();

        WorkingCalendar fresh = WorkingCalendar.of(ChinaCalendars.definition());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<Instant>>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> starts.stream()
                        .map(start -> fresh.addWorkingTime(fresh.nextOpening(start), Duration.ofHours(300))).toList());
            }
            for (Future<List<Instant>> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
