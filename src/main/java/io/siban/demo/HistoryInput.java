package io.siban.demo;

import io.siban.catalog.Category;
import io.siban.catalog.Limit;
import io.siban.sla.calendar.WorkingCalendar;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What a hall's history is planned from: its queues and windows, the catalogue, its calendar and its
 * deadlines for answering a bad rating, the day
 * the history ends before and the seed. The same input always gives the same plan.
 *
 * @param skipDays    days that already have tickets (a demo database older than the history): left alone
 * @param contactDays the hall's working days to contact the citizen after a bad rating
 * @param rectifyDays the hall's working days to rectify and reply
 */
record HistoryInput(String hall, List<Queue> queues, List<Window> windows, List<Item> items, WorkingCalendar calendar,
                    LocalDate today, int days, long seed, Duration appointmentHeadStart, Set<LocalDate> skipDays,
                    int contactDays, int rectifyDays) {

    record Queue(String code, String prefix) {
    }

    /** A window, the queues it serves and the demo clerk who works there. */
    record Window(int number, List<String> queues, String clerk) {
    }

    /** A catalogue item as cases copy it. */
    record Item(String code, String name, String department, Category category, Limit committed, Limit statutory,
                Integer localStageDays, Duration warningThreshold, boolean onlineCapable, String queue,
                List<String> requiredDocuments) {
    }

    /** The items served in a queue of this hall. */
    List<Item> itemsOf(String queue) {
        return items.stream().filter(i -> queue.equals(i.queue())).toList();
    }

    /** The clerk of the first window serving the queue (who accepts online cases of its items). */
    String clerkFor(String queue) {
        return windows.stream().filter(w -> w.queues().contains(queue)).map(Window::clerk).findFirst()
                .orElse(windows.get(0).clerk());
    }
}
