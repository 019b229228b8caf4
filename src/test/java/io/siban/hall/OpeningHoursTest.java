package io.siban.hall;

import io.siban.common.problem.ProblemException;
import io.siban.hall.dto.ServiceHours;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure "open at / next opening" rules of a hall's service hours, and what they refuse. */
class OpeningHoursTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final List<List<String>> DAY = List.of(List.of("09:00", "12:00"), List.of("13:00", "17:00"));
    /** The 2026 National Day block (weekday holidays) and its make-up Saturday, as the shipped calendar has them. */
    static final Set<LocalDate> HOLIDAYS = Set.of(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-02"),
            LocalDate.parse("2026-10-05"), LocalDate.parse("2026-10-06"), LocalDate.parse("2026-10-07"));
    static final LocalDate MAKE_UP = LocalDate.parse("2026-10-10");
    static final Predicate<LocalDate> WORKING = d -> d.equals(MAKE_UP)
            || d.getDayOfWeek().getValue() <= 5 && !HOLIDAYS.contains(d);

    /** The demo county hall's: weekdays and Saturday mornings, Christmas closed, one Sunday opened. */
    static OpeningHours saturdayMornings() {
        Map<String, List<List<String>>> weekly = new LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")) {
            weekly.put(day, DAY);
        }
        weekly.put("SATURDAY", List.of(List.of("09:00", "12:00")));
        return OpeningHours.parse(new ServiceHours(weekly, Map.of("2026-12-25", List.of(), "2026-12-13", List.of(List.of("10:00", "11:00")))));
    }

    static Instant at(String local) {
        return OffsetDateTime.parse(local + "+08:00").toInstant();
    }

    static boolean open(OpeningHours hours, String local) {
        return hours.isOpen(at(local), SHANGHAI, WORKING);
    }

    static Instant next(OpeningHours hours, String local) {
        return hours.nextOpening(at(local), SHANGHAI, WORKING);
    }

    @Test
    void saturdayMorningsAreOpenAndTheirAfternoonsClosedUntilMonday() {
        OpeningHours hours = saturdayMornings();
        assertThat(open(hours, "2026-12-05T09:00:00")).as("Saturday at opening").isTrue();
        assertThat(open(hours, "2026-12-05T11:59:59")).isTrue();
        assertThat(open(hours, "2026-12-05T12:00:00")).as("closing is exclusive").isFalse();
        assertThat(next(hours, "2026-12-05T12:00:00")).isEqualTo(at("2026-12-07T09:00:00"));
        assertThat(next(hours, "2026-12-06T15:00:00")).as("a Sunday").isEqualTo(at("2026-12-07T09:00:00"));
        assertThat(next(hours, "2026-12-05T08:59:00")).isEqualTo(at("2026-12-05T09:00:00"));
        assertThat(next(hours, "2026-12-05T10:00:00")).as("open: now").isEqualTo(at("2026-12-05T10:00:00"));
        assertThat(next(hours, "2026-12-04T12:30:00")).as("lunch").isEqualTo(at("2026-12-04T13:00:00"));
    }

    @Test
    void exceptionsCloseAndOpenSingleDates() {
        OpeningHours hours = saturdayMornings();
        assertThat(open(hours, "2026-12-25T10:00:00")).as("Christmas, a Friday, closed by exception").isFalse();
        assertThat(next(hours, "2026-12-25T10:00:00")).isEqualTo(at("2026-12-26T09:00:00"));
        assertThat(open(hours, "2026-12-13T10:30:00")).as("a Sunday opened by exception").isTrue();
        assertThat(next(hours, "2026-12-12T12:00:00")).isEqualTo(at("2026-12-13T10:00:00"));
    }

    @Test
    void holidaysCloseWeekdaysAndAMakeUpSaturdayTakesMondaysHours() {
        OpeningHours hours = saturdayMornings();
        assertThat(open(hours, "2026-10-01T10:00:00")).as("National Day, a Thursday").isFalse();
        assertThat(next(hours, "2026-09-30T17:00:00")).as("the Saturday in the block keeps its morning")
                .isEqualTo(at("2026-10-03T09:00:00"));
        assertThat(next(hours, "2026-10-03T12:00:00")).isEqualTo(at("2026-10-08T09:00:00"));
        assertThat(open(hours, "2026-10-10T15:00:00")).as("make-up Saturday, served as a Monday").isTrue();
        assertThat(open(hours, "2026-10-17T15:00:00")).as("a plain Saturday: mornings only").isFalse();
        OpeningHours weekdaysOnly = OpeningHours.parse(new ServiceHours(Map.of("MONDAY", DAY), Map.of()));
        assertThat(weekdaysOnly.nextOpening(at("2026-10-09T18:00:00"), SHANGHAI, WORKING)).isEqualTo(at("2026-10-10T09:00:00"));
    }

    @Test
    void onTheHallsCalendarHolidaySaturdaysCloseAndSaturdaysWithOwnHoursKeepThem() {
        OpeningHours hours = saturdayMornings();
        var china = io.siban.sla.calendar.WorkingCalendar.of(io.siban.sla.calendar.CalendarDefinition.chinaServiceHall(HOLIDAYS, Set.of(MAKE_UP)),
                Set.of(2026));
        var days = HallHours.days(china);
        assertThat(days.apply(LocalDate.parse("2026-10-03"))).as("国庆's Saturday, a day off by law").isEqualTo(OpeningHours.Day.OFF);
        assertThat(days.apply(LocalDate.parse("2026-10-17"))).isEqualTo(OpeningHours.Day.WEEKEND);
        assertThat(days.apply(MAKE_UP)).isEqualTo(OpeningHours.Day.MAKE_UP);
        assertThat(hours.isOpen(at("2026-10-03T10:00:00"), SHANGHAI, days)).as("no tickets on a holiday Saturday").isFalse();
        assertThat(hours.isOpen(at("2026-10-17T10:00:00"), SHANGHAI, days)).as("an ordinary Saturday morning").isTrue();
        assertThat(hours.isOpen(at("2026-10-10T15:00:00"), SHANGHAI, days)).as("the make-up Saturday, served as a Monday").isTrue();
        assertThat(hours.nextOpening(at("2026-09-30T17:00:00"), SHANGHAI, days)).isEqualTo(at("2026-10-08T09:00:00"));
        // a calendar that works Saturdays: every Saturday is a working day, served with the hall's Saturday hours
        Map<java.time.DayOfWeek, List<io.siban.sla.calendar.OfficeInterval>> weekly = new java.util.EnumMap<>(java.time.DayOfWeek.class);
        for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
            if (d != java.time.DayOfWeek.SUNDAY) {
                weekly.put(d, io.siban.sla.calendar.CalendarDefinition.CHINA_HALL_HOURS);
            }
        }
        var saturdays = io.siban.sla.calendar.WorkingCalendar.of(new io.siban.sla.calendar.CalendarDefinition(SHANGHAI, weekly, Set.of(), Set.of(),
                Map.of()));
        assertThat(HallHours.days(saturdays).apply(LocalDate.parse("2026-10-17"))).isEqualTo(OpeningHours.Day.WORKING);
        assertThat(hours.isOpen(at("2026-10-17T15:00:00"), SHANGHAI, HallHours.days(saturdays))).as("Saturday afternoons stay closed")
                .isFalse();
    }

    @Test
    void twentyFourHundredClosesAtMidnightAndTheNextDayMayGoOn() {
        OpeningHours late = OpeningHours.parse(new ServiceHours(Map.of("FRIDAY", List.of(List.of("20:00", "24:00")),
                "SATURDAY", List.of(List.of("00:00", "02:00"))), Map.of()));
        assertThat(late.isOpen(at("2026-12-04T23:59:59"), SHANGHAI, WORKING)).isTrue();
        assertThat(late.isOpen(at("2026-12-05T00:00:00"), SHANGHAI, WORKING)).isTrue();
        assertThat(late.isOpen(at("2026-12-05T02:00:00"), SHANGHAI, WORKING)).isFalse();
        assertThat(late.nextOpening(at("2026-12-05T02:00:00"), SHANGHAI, WORKING)).isEqualTo(at("2026-12-11T20:00:00"));
    }

    @Test
    void aHallThatNeverOpensHasNoNextOpening() {
        OpeningHours never = OpeningHours.parse(new ServiceHours(Map.of(), Map.of("2026-12-24", List.of())));
        assertThat(never.isOpen(at("2026-12-05T10:00:00"), SHANGHAI, WORKING)).isFalse();
        assertThat(never.nextOpening(at("2026-12-05T10:00:00"), SHANGHAI, WORKING)).isNull();
    }

    @Test
    void badHoursAreRefusedNamingTheField() {
        assertRefused(new ServiceHours(Map.of("MONDAY", List.of(List.of("12:00", "09:00"))), null), "serviceHours.weeklyHours.MONDAY[0]");
        assertRefused(new ServiceHours(Map.of("MONDAY", List.of(List.of("09:00", "12:00"), List.of("11:00", "13:00"))), null),
                "serviceHours.weeklyHours.MONDAY");
        assertRefused(new ServiceHours(Map.of("FUNDAY", DAY), null), "serviceHours.weeklyHours.FUNDAY");
        assertRefused(new ServiceHours(Map.of("monday", DAY), null), "serviceHours.weeklyHours.monday");
        assertRefused(new ServiceHours(Map.of("MONDAY", List.of(List.of("9:00", "12:00"))), null), "serviceHours.weeklyHours.MONDAY[0]");
        assertRefused(new ServiceHours(Map.of("MONDAY", List.of(List.of("09:00", "25:00"))), null), "serviceHours.weeklyHours.MONDAY[0]");
        assertRefused(new ServiceHours(Map.of("MONDAY", List.of(List.of("24:00", "24:00"))), null), "serviceHours.weeklyHours.MONDAY[0]");
        assertRefused(new ServiceHours(Map.of("MONDAY", List.of(List.of("09:00"))), null), "serviceHours.weeklyHours.MONDAY[0]");
        assertRefused(new ServiceHours(Map.of(), Map.of("2026-02-30", List.of())), "serviceHours.exceptions[2026-02-30]");
        assertRefused(new ServiceHours(Map.of(), Map.of("5 Dec", List.of())), "serviceHours.exceptions[5 Dec]");
        assertRefused(new ServiceHours(Map.of(), Map.of("2026-12-05", List.of(List.of("12:00", "12:00")))),
                "serviceHours.exceptions[2026-12-05][0]");
        assertRefused(new ServiceHours(null, Map.of()), "serviceHours.weeklyHours");
        Map<String, List<List<String>>> nullDay = new LinkedHashMap<>();
        nullDay.put("TUESDAY", null);
        assertRefused(new ServiceHours(nullDay, null), "serviceHours.weeklyHours.TUESDAY");
    }

    static void assertRefused(ServiceHours hours, String field) {
        assertThatThrownBy(() -> OpeningHours.parse(hours)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.toProblem().violations()).extracting(v -> v.field()).contains(field);
        });
    }

    // ---- seeded generator: random hours, exceptions, holidays and instants -------------------------------------------

    static final long SEED = Long.getLong("siban.test.seed", 20261205L);
    static final int CASES = 300;

    /** One generated case: hours, working days and an instant, with the seed and index that make it again. */
    record Generated(String name, OpeningHours hours, Predicate<LocalDate> working, Instant at) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> generated() {
        Random random = new Random(SEED);
        List<Arguments> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            Map<String, List<List<String>>> weekly = new LinkedHashMap<>();
            for (DayOfWeek day : DayOfWeek.values()) {
                if (random.nextInt(3) > 0) {
                    weekly.put(day.name(), spans(random));
                }
            }
            Map<String, List<List<String>>> exceptions = new LinkedHashMap<>();
            LocalDate base = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(700));
            for (int e = random.nextInt(4); e > 0; e--) {
                exceptions.put(base.plusDays(random.nextInt(20)).toString(), random.nextBoolean() ? List.of() : spans(random));
            }
            Set<LocalDate> holidays = new java.util.HashSet<>(List.of(base.plusDays(random.nextInt(15)), base.plusDays(random.nextInt(15))));
            LocalDate makeUp = base.plusDays(random.nextInt(15));
            Predicate<LocalDate> working = d -> d.equals(makeUp) || d.getDayOfWeek().getValue() <= 5 && !holidays.contains(d);
            Instant at = base.atStartOfDay(SHANGHAI).toInstant().plusSeconds(random.nextInt(10 * 86_400));
            String name = "seed " + SEED + " case " + i + ": " + weekly + " " + exceptions + " holidays " + holidays
                    + " make-up " + makeUp + " at " + at.atZone(SHANGHAI).toLocalDateTime();
            cases.add(Arguments.of(new Generated(name, OpeningHours.parse(new ServiceHours(weekly, exceptions)), working, at)));
        }
        return cases.stream();
    }

    /** 0–3 ascending, non-overlapping intervals on quarter hours, the last possibly closing at 24:00. */
    static List<List<String>> spans(Random random) {
        List<List<String>> spans = new ArrayList<>();
        int minute = random.nextInt(8) * 60;
        for (int n = random.nextInt(4); n > 0 && minute < 24 * 60 - 15; n--) {
            int from = minute + random.nextInt(8) * 15;
            int to = Math.min(24 * 60, from + 15 + random.nextInt(24) * 15);
            if (from >= 24 * 60 - 15) {
                break;
            }
            spans.add(List.of(time(from), time(to)));
            minute = to + 15 * random.nextInt(3);
        }
        return spans;
    }

    static String time(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }

    /**
     * The next opening is open, nothing between the instant and it is (checked at every quarter hour and
     * just before it, since intervals start and end on quarter hours), and "open now" is "opens now".
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("generated")
    void theNextOpeningIsTheFirstOpenInstant(Generated c) {
        Instant next = c.hours().nextOpening(c.at(), SHANGHAI, c.working());
        boolean open = c.hours().isOpen(c.at(), SHANGHAI, c.working());
        assertThat(open).as(c.name()).isEqualTo(c.at().equals(next));
        Instant until = next == null ? c.at().plus(Duration.ofDays(30)) : next;
        Instant probe = c.at().plusSeconds(900 - c.at().getEpochSecond() % 900);
        for (; probe.isBefore(until); probe = probe.plusSeconds(900)) {
            assertThat(c.hours().isOpen(probe, SHANGHAI, c.working())).as(c.name() + ": open at " + probe + " before " + next).isFalse();
        }
        if (next != null && !open) {
            assertThat(c.hours().isOpen(next, SHANGHAI, c.working())).as(c.name()).isTrue();
            assertThat(c.hours().isOpen(next.minusSeconds(1), SHANGHAI, c.working())).as(c.name() + ": a second before").isFalse();
        }
    }
}
