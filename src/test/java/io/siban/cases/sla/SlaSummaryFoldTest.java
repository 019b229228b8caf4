package io.siban.cases.sla;

import io.siban.cases.CaseChannel;
import io.siban.cases.sla.dto.SlaCounts;
import io.siban.cases.sla.dto.SlaSummary;
import io.siban.cases.sla.dto.SlaWindow;
import io.siban.catalog.Category;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How counter lines of several halls add up by channel and window. */
class SlaSummaryFoldTest {
    static SlaCounters.Line line(String department, CaseChannel channel, Integer window, long open, long red) {
        return new SlaCounters.Line(department, Category.TIME_LIMITED, open, 0, 0, red, 0, channel, window);
    }

    @Test
    void windowsOfTwoHallsStaySeparateAndCasesWithoutAWindowCountByChannelOnly() {
        Map<String, List<SlaCounters.Line>> lines = new LinkedHashMap<>();
        lines.put("b-hall", List.of(line("税务局", CaseChannel.WINDOW, 1, 2, 1), line("税务局", CaseChannel.ONLINE, null, 5, 0)));
        lines.put("a-hall", List.of(line("税务局", CaseChannel.WINDOW, 1, 3, 0), line("市场监管局", CaseChannel.WINDOW, 7, 1, 1),
                line("税务局", CaseChannel.WINDOW, null, 4, 0)));
        Map<String, List<SlaSummaries.WindowToday>> windows = Map.of(
                "a-hall", List.of(new SlaSummaries.WindowToday(1, "1号窗口", "A007", 12, 300L),
                        new SlaSummaries.WindowToday(2, "2号窗口", null, 0, null)),
                "b-hall", List.of(new SlaSummaries.WindowToday(1, "1号窗口", null, 3, 90L)));

        SlaSummary summary = SlaSummaries.fold(lines, windows, null);

        assertThat(summary.total()).isEqualTo(new SlaCounts(15, 0, 0, 2, 0));
        assertThat(summary.byChannel()).containsEntry(CaseChannel.WINDOW, new SlaCounts(10, 0, 0, 2, 0))
                .containsEntry(CaseChannel.ONLINE, new SlaCounts(5, 0, 0, 0, 0))
                .containsEntry(CaseChannel.MOBILE, SlaCounts.ZERO).containsEntry(CaseChannel.SELF_SERVICE, SlaCounts.ZERO);
        assertThat(summary.byWindow()).containsExactly(
                new SlaWindow("a-hall", 1, "1号窗口", 3, 0, 0, 0, 0, "A007", 12, 300L),
                new SlaWindow("a-hall", 2, "2号窗口", 0, 0, 0, 0, 0, null, 0, null),
                new SlaWindow("a-hall", 7, null, 1, 0, 0, 1, 0, null, 0, null),
                new SlaWindow("b-hall", 1, "1号窗口", 2, 0, 0, 1, 0, null, 3, 90L));
    }

    @Test
    void theDepartmentFilterNarrowsTheCaseCountsButKeepsEveryWindow() {
        Map<String, List<SlaCounters.Line>> lines = Map.of("a-hall", List.of(line("税务局", CaseChannel.WINDOW, 1, 3, 0),
                line("市场监管局", CaseChannel.WINDOW, 2, 1, 1)));
        Map<String, List<SlaSummaries.WindowToday>> windows = Map.of("a-hall", List.of(new SlaSummaries.WindowToday(1, "1", null, 4, 60L),
                new SlaSummaries.WindowToday(2, "2", "B001", 2, 120L)));

        SlaSummary summary = SlaSummaries.fold(lines, windows, "市场监管局");

        assertThat(summary.total()).isEqualTo(new SlaCounts(1, 0, 0, 1, 0));
        assertThat(summary.byDepartment()).containsOnlyKeys("市场监管局");
        assertThat(summary.byWindow()).containsExactly(new SlaWindow("a-hall", 1, "1", 0, 0, 0, 0, 0, null, 4, 60L),
                new SlaWindow("a-hall", 2, "2", 1, 0, 0, 1, 0, "B001", 2, 120L));
    }
}
