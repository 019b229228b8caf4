package io.siban.report;

import io.siban.common.problem.ProblemException;
import io.siban.report.dto.KpiReport;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The pure parts of the KPI report: bucket maths, percentiles, formulas, parsing and CSV. */
class KpiFormulasTest {
    static final LocalDate TODAY = LocalDate.parse("2026-12-01");

    @Test
    void percentilesFromBucketsAreWithinFiveSecondsOfTheExactNearestRankBelowAnHour() {
        Random random = new Random(14);
        for (int round = 0; round < 500; round++) {
            int n = 1 + random.nextInt(300);
            long[] values = new long[n];
            SortedMap<Integer, Long> histogram = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                values[i] = random.nextInt(3_600);
                histogram.merge(Histogram.bucket(values[i]), 1L, Long::sum);
            }
            Arrays.sort(values);
            for (double p : new double[]{0.5, 0.9}) {
                long exact = values[(int) Math.ceil(p * n) - 1];
                assertThat(Histogram.secondsPercentile(histogram, p)).as("p%s of %d values", p, n).isCloseTo(exact, within(5L));
            }
        }
    }

    @Test
    void bucketsAreContiguousAndEachMidpointLiesInItsBucket() {
        int previous = 0;
        for (long s = 0; s <= 90_000; s++) {
            int b = Histogram.bucket(s);
            assertThat(b - previous).as("at %d s", s).isBetween(0, 1);
            previous = b;
        }
        for (int b = 0; b < Histogram.LAST_SECONDS_BUCKET; b++) {
            assertThat(Histogram.bucket(Histogram.midpoint(b))).isEqualTo(b);
        }
        assertThat(Histogram.bucket(-3)).isZero();
        assertThat(Histogram.midpoint(Histogram.bucket(200_000))).isEqualTo(86_400);
        assertThat(Histogram.dayBucket(new BigDecimal("2.0"))).isEqualTo(40);
        assertThat(Histogram.dayMidpoint(40)).isCloseTo(2.025, within(1e-12));
        assertThat(Histogram.dayBucket(new BigDecimal("1000"))).isEqualTo(Histogram.LAST_DAYS_BUCKET);
        assertThat(Histogram.secondsPercentile(new TreeMap<>(), 0.5)).isNull();
    }

    @Test
    void nearestRankTakesTheCeilingOfTheRank() {
        SortedMap<Integer, Long> h = new TreeMap<>(Map.of(1, 1L, 2, 1L, 3, 1L, 4, 1L));
        assertThat(Histogram.rankBucket(h, 0.5)).isEqualTo(2);
        assertThat(Histogram.rankBucket(h, 0.9)).isEqualTo(4);
        assertThat(Histogram.rankBucket(new TreeMap<>(Map.of(7, 10L)), 0.9)).isEqualTo(7);
    }

    @Test
    void formulasFollowDomainAndAreNullWithoutADenominator() {
        KpiSums s = new KpiSums();
        KpiReport.Blocks empty = Kpis.of(s);
        assertThat(empty.tickets().noShowRate()).isNull();
        assertThat(empty.tickets().abandonRate()).isNull();
        assertThat(empty.cases().completionRate()).isNull();
        assertThat(empty.cases().speedUpRate()).isNull();
        assertThat(empty.ratings().satisfiedShare()).isNull();
        assertThat(empty.ratings().rectifiedShare()).as("no bad rating").isNull();
        assertThat(empty.windows().utilisation()).as("window time not read").isNull();

        s.issued = 10;
        s.called = 8;
        s.within15 = 6;
        s.noShow = 2;
        s.cancelled = 1;
        s.expired = 1;
        s.served = 5;
        s.ratedTickets = 4;
        // a case's rating too: five ratings, of which four of 4 or 5 and one bad, rectified
        s.ratings = 5;
        s.satisfied = 4;
        s.bad = 1;
        s.rectified = 1;
        s.accepted = 4;
        s.acceptedClosed = 3;
        s.immediate = 1;
        s.closed = 5;
        s.closedOnTime = 4;
        s.oneVisit = 5;
        s.usedCount = 2;
        s.usedSum = new BigDecimal("3");
        s.speedUsedSum = new BigDecimal("3");
        s.statutorySum = new BigDecimal("40");
        s.windowsKnown = true;
        s.windowServingSeconds = 1_800;
        s.openSeconds = 3_600;
        KpiReport.Blocks b = Kpis.of(s);
        assertThat(b.tickets().servedWithin15MinShare()).isEqualTo(0.75);
        assertThat(b.tickets().noShowRate()).isEqualTo(0.25);
        assertThat(b.tickets().abandonRate()).isEqualTo(0.2);
        assertThat(b.cases().completionRate()).isEqualTo(0.75);
        assertThat(b.cases().onTimeRate()).isEqualTo(0.8);
        assertThat(b.cases().immediateShare()).isEqualTo(0.25);
        assertThat(b.cases().oneVisitShare()).isEqualTo(1.0);
        assertThat(b.cases().avgWorkingDaysUsed()).isEqualTo(1.5);
        assertThat(b.cases().speedUpRate()).isEqualTo(0.925);
        assertThat(b.ratings().count()).isEqualTo(5);
        assertThat(b.ratings().satisfiedShare()).isEqualTo(0.8);
        assertThat(b.ratings().unratedShare()).as("of served tickets, from the rated tickets").isEqualTo(0.2);
        assertThat(b.ratings().bad()).isEqualTo(1);
        assertThat(b.ratings().rectified()).isEqualTo(1);
        assertThat(b.ratings().rectifiedShare()).isEqualTo(1.0);
        s.rectified = 0;
        assertThat(Kpis.of(s).ratings().rectifiedShare()).isEqualTo(0.0);
        assertThat(b.windows().utilisation()).isEqualTo(0.5);
    }

    @Test
    void groupByTakesOneOrTwoKnownNames() {
        assertThat(GroupBy.parse(null)).isEmpty();
        assertThat(GroupBy.parse("Department, week")).containsExactly(GroupBy.DEPARTMENT, GroupBy.WEEK);
        for (String bad : List.of("colour", "day,day", "day,window,clerk", "day,", ",")) {
            assertThatThrownBy(() -> GroupBy.parse(bad)).as(bad).isInstanceOfSatisfying(ProblemException.class,
                    e -> assertThat(e.toProblem().violations().get(0).field()).isEqualTo("groupBy"));
        }
        assertThat(GroupBy.WINDOW.sql(GroupBy.Source.CASES)).isNull();
        assertThat(GroupBy.DEPARTMENT.sql(GroupBy.Source.WINDOWS)).isNull();
        for (GroupBy g : GroupBy.values()) {
            assertThat(g.sql(GroupBy.Source.RATINGS)).as("ratings know every key, as tickets do").isEqualTo(g.sql(GroupBy.Source.TICKETS));
        }
    }

    @Test
    void periodsDefaultToThisMonthAndAreLimited() {
        KpiQuery q = parse(null, null, null, null, null);
        assertThat(q.from()).isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(q.to()).isEqualTo(TODAY);
        assertThat(parse("2026-01-01", "2027-02-04", null, null, null).to()).isEqualTo(LocalDate.parse("2027-02-04"));
        assertField(() -> parse("2026-01-01", "2027-02-05", null, null, null), "to");
        assertField(() -> parse("2026-03-02", "2026-03-01", null, null, null), "from");
        assertField(() -> parse("2026-02-30", null, null, null, null), "from");
        assertField(() -> parse("+999999999-12-30", "2026-01-02", null, null, null), "from");
        assertField(() -> parse("2026-01-01", "+999999999-12-31", null, null, null), "to");
        assertField(() -> parse("0000-01-01", "2026-01-02", null, null, null), "from");
        assertField(() -> parse(null, null, "FAST", null, null), "category");
        assertField(() -> parse(null, null, null, "FAX", null), "channel");
        assertField(() -> parse(null, null, null, null, "0"), "window");
        KpiQuery both = parse(null, null, "immediate", "online", "3");
        assertThat(both.channel()).isEqualTo("ONLINE");
        assertThat(both.reads(GroupBy.Source.CASES)).as("cases have no window").isFalse();
        assertThat(both.reads(GroupBy.Source.WINDOWS)).as("window time has no category").isFalse();
        assertThat(both.reads(GroupBy.Source.RATINGS)).as("a rating has a window, a category and a channel").isTrue();
        assertThat(parse(null, null, null, "KIOSK", null).channel()).isEqualTo("KIOSK");
    }

    @Test
    void csvHasOneColumnPerLeafAndNeutralisesFormulas() {
        String header = KpiCsv.header(List.of("department"));
        assertThat(header).startsWith("key.department,tickets.issued,tickets.called,").contains(",cases.completionRate,")
                .contains(",ratings.rectifiedShare,windows.utilisation").endsWith("\r\n");
        assertThat(KpiCsv.text("=1+2")).isEqualTo("'=1+2");
        assertThat(KpiCsv.text("a,b")).isEqualTo("\"a,b\"");
        assertThat(KpiCsv.text("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(KpiCsv.text(null)).isEmpty();
        KpiQuery ungrouped = parse(null, null, null, null, null);
        KpiRows nothing = KpiService.ungrouped(ungrouped, new KpiRows());
        KpiReport report = KpiService.answer(ungrouped, nothing);
        assertThat(report.rows()).as("no groupBy: one row even with nothing counted").hasSize(1);
        List<String> lines = new ArrayList<>(KpiService.csvLines(ungrouped, nothing).collect().asList().await().indefinitely());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).as("a byte order mark first, for spreadsheets").isEqualTo("\uFEFF" + KpiCsv.header(List.of()));
        assertThat(lines.get(1).split(",", -1)).hasSameSizeAs(KpiCsv.header(List.of()).split(",", -1));
    }

    @Test
    void keysSortWindowsByNumberOtherKeysAsTextAndMissingValuesLast() {
        List<List<String>> keys = new ArrayList<>(List.of(Arrays.asList("10"), Arrays.asList((String) null), Arrays.asList("9")));
        keys.sort(KpiService.keyOrder(List.of(GroupBy.WINDOW)));
        assertThat(keys).containsExactly(Arrays.asList("9"), Arrays.asList("10"), Arrays.asList((String) null));
        // item codes are text: a code of 25 digits sorts, and "10" comes before "9"
        List<List<String>> items = new ArrayList<>(List.of(Arrays.asList("9"), Arrays.asList("1234567890123456789012345"),
                Arrays.asList((String) null), Arrays.asList("10"), Arrays.asList("1a")));
        items.sort(KpiService.keyOrder(List.of(GroupBy.ITEM)));
        assertThat(items).containsExactly(Arrays.asList("10"), Arrays.asList("1234567890123456789012345"), Arrays.asList("1a"),
                Arrays.asList("9"), Arrays.asList((String) null));
    }

    private static KpiQuery parse(String from, String to, String category, String channel, String window) {
        return KpiQuery.parse(from, to, null, null, category, channel, window, null, TODAY);
    }

    private static void assertField(Runnable parse, String field) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.toProblem().violations().get(0).field()).isEqualTo(field));
    }
}
