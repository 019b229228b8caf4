package io.siban.sla.calendar.notice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The notice grammar against notices as published (2017, 2023, 2024, 2025, 2026) and against broken
 * ones. "Effective" below is what a notice changes in the usual Monday–Friday week: its weekday days
 * off and its weekend make-up days, which is how the shipped calendar lists them.
 */
public class NoticeParserTest {

    public static String notice(String name) {
        try (InputStream in = NoticeParserTest.class.getResourceAsStream("/notices/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SortedSet<LocalDate> shipped(int year, String list) {
        try (InputStream in = NoticeParserTest.class.getResourceAsStream("/calendars/china-calendar-2025-2026.json")) {
            JsonNode dates = new ObjectMapper().readTree(in).get("years").get(Integer.toString(year)).get(list);
            return StreamSupport.stream(dates.spliterator(), false).map(d -> LocalDate.parse(d.asText()))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean weekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    static SortedSet<LocalDate> weekdaysOff(Notice notice) {
        return notice.daysOff().stream().filter(d -> !weekend(d)).collect(Collectors.toCollection(TreeSet::new));
    }

    static SortedSet<LocalDate> weekendWorkdays(Notice notice) {
        return notice.workdays().stream().filter(NoticeParserTest::weekend).collect(Collectors.toCollection(TreeSet::new));
    }

    static SortedSet<LocalDate> dates(String... dates) {
        return java.util.Arrays.stream(dates).map(LocalDate::parse).collect(Collectors.toCollection(TreeSet::new));
    }

    static List<UnreadableNotice.Reason> refused(String text, int year) {
        try {
            NoticeParser.parse(text, year);
        } catch (UnreadableNotice e) {
            return e.reasons();
        }
        throw new AssertionError("the notice was read, but should have been refused:\n" + text);
    }

    @ParameterizedTest
    @CsvSource({"2025.txt, 2025", "2026.txt, 2026", "2026-halfwidth.txt, 2026"})
    void noticesAsPublishedGiveTheShippedArrangement(String file, int year) {
        Notice notice = NoticeParser.parse(notice(file), year);
        assertThat(weekdaysOff(notice)).isEqualTo(shipped(year, "holidays"));
        assertThat(weekendWorkdays(notice)).isEqualTo(shipped(year, "workdays"));
        assertThat(notice.workdays()).as("every make-up day of these notices is a weekend day").isEqualTo(weekendWorkdays(notice));
    }

    @Test
    void the2026NoticeReadsEveryFestivalWithItsWholeBlock() {
        Notice notice = NoticeParser.parse(notice("2026.txt"), 2026);
        assertThat(notice.festivals()).extracting(Notice.Festival::number).containsExactly("一", "二", "三", "四", "五", "六", "七");
        assertThat(notice.festivals()).extracting(Notice.Festival::name)
                .containsExactly("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节");
        Notice.Festival spring = notice.festivals().get(1);
        assertThat(spring.daysOff()).hasSize(9).first().isEqualTo(LocalDate.parse("2026-02-15"));
        assertThat(spring.daysOff().last()).isEqualTo(LocalDate.parse("2026-02-23"));
        assertThat(spring.workdays()).isEqualTo(dates("2026-02-14", "2026-02-28"));
        assertThat(notice.festivals().get(6).workdays()).isEqualTo(dates("2026-09-20", "2026-10-10"));
    }

    @Test
    void the2024NoticeKeepsTheSpringFestivalBlockWithItsWeekendDates() {
        Notice notice = NoticeParser.parse(notice("2024.txt"), 2024);
        Notice.Festival spring = notice.festivals().get(1);
        assertThat(spring.daysOff()).isEqualTo(dates("2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13",
                "2024-02-14", "2024-02-15", "2024-02-16", "2024-02-17"));
        assertThat(spring.workdays()).isEqualTo(dates("2024-02-04", "2024-02-18"));
        assertThat(weekdaysOff(notice)).isEqualTo(dates("2024-01-01", "2024-02-12", "2024-02-13", "2024-02-14",
                "2024-02-15", "2024-02-16", "2024-04-04", "2024-04-05", "2024-05-01", "2024-05-02", "2024-05-03",
                "2024-06-10", "2024-09-16", "2024-09-17", "2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04",
                "2024-10-07"));
        assertThat(notice.workdays()).isEqualTo(dates("2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28",
                "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12"));
        assertThat(notice.daysOff()).as("除夕 in the advice is not a day off").doesNotContain(LocalDate.parse("2024-02-09"));
        assertThat(notice.remarks()).extracting(Notice.Remark::paragraph).contains("paragraph 一", "paragraph 二", "paragraph 五");
        assertThat(notice.remarks()).extracting(Notice.Remark::text)
                .anyMatch(text -> text.startsWith("与周末连休"))
                .anyMatch(text -> text.startsWith("advice, not an arrangement: 鼓励各单位"));
    }

    @Test
    void daysOffInLieuAndRangesAcrossMonths() {
        Notice notice = NoticeParser.parse(notice("2017.txt"), 2017);
        assertThat(notice.festivals().get(0).daysOff()).isEqualTo(dates("2017-01-01", "2017-01-02"));
        assertThat(notice.festivals().get(1).daysOff()).hasSize(7)
                .contains(LocalDate.parse("2017-01-27"), LocalDate.parse("2017-01-31"), LocalDate.parse("2017-02-02"));
        assertThat(notice.festivals().get(5).name()).isEqualTo("中秋节、国庆节");
        assertThat(notice.festivals().get(5).daysOff()).hasSize(8);
        assertThat(weekendWorkdays(notice)).isEqualTo(dates("2017-01-22", "2017-02-04", "2017-04-01", "2017-05-27", "2017-09-30"));
    }

    @Test
    void aBlockThatBeginsInThePreviousYearNamesThatYear() {
        Notice notice = NoticeParser.parse(notice("2023.txt"), 2023);
        assertThat(notice.festivals().get(0).daysOff()).isEqualTo(dates("2022-12-31", "2023-01-01", "2023-01-02"));
        assertThat(notice.festivals().get(5).daysOff()).hasSize(8).contains(LocalDate.parse("2023-09-29"), LocalDate.parse("2023-10-06"));
        assertThat(notice.festivals().get(5).workdays()).isEqualTo(dates("2023-10-07", "2023-10-08"));
    }

    @Test
    void aBlockRunsIntoJanuaryOnlyWhenTheTextSaysSo() {
        String title = "国务院办公厅关于2026年部分节假日安排的通知\n";
        Notice notice = NoticeParser.parse(title + "一、元旦：12月31日（周四）至2027年1月2日（周六）放假调休，共3天。", 2026);
        assertThat(notice.daysOff()).isEqualTo(dates("2026-12-31", "2027-01-01", "2027-01-02"));
        List<UnreadableNotice.Reason> reasons = refused(title + "一、元旦：12月31日至1月2日放假调休，共3天。", 2026);
        assertThat(reasons).singleElement().satisfies(reason -> {
            assertThat(reason.part()).isEqualTo("paragraph 一");
            assertThat(reason.message()).contains("12月31日至1月2日").contains("does not end after it starts").contains("2027年");
        });
        assertThat(refused(title + "一、元旦：2029年1月1日放假。", 2026)).singleElement()
                .satisfies(reason -> assertThat(reason.message()).contains("'2029年1月1日' is not in or next to 2026"));
    }

    @Test
    void anImpossibleDateIsNamed() {
        assertThat(refused(notice("broken-impossible-date.txt"), 2026)).singleElement().satisfies(reason -> {
            assertThat(reason.part()).isEqualTo("paragraph 二");
            assertThat(reason.message()).contains("二、春节").contains("'2月30日' is not a date in 2026");
        });
    }

    @Test
    void aParagraphThatCannotBeAccountedForIsNamedWithItsText() {
        assertThat(refused(notice("broken-unknown-paragraph.txt"), 2026)).singleElement().satisfies(reason -> {
            assertThat(reason.part()).isEqualTo("paragraph 八");
            assertThat(reason.message()).contains("「八、元旦补充:12月31日(周四)下午半天休息。」").contains("cannot read '下午半天休息'");
        });
        String loose = notice("2026.txt").replace("鼓励单位和个人", "另：12月31日放假。\n\n鼓励单位和个人");
        assertThat(refused(loose, 2026)).singleElement().satisfies(reason -> {
            assertThat(reason.part()).isEqualTo("paragraph 11");
            assertThat(reason.message()).contains("另:12月31日放假").contains("outside the numbered arrangements");
        });
        assertThat(refused(notice("2026.txt").replace("七、国庆节：", "七、国庆节 "), 2026)).singleElement()
                .satisfies(reason -> assertThat(reason.part()).isEqualTo("paragraph 七"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "共9天|共8天|paragraph 二|says 共8天 but the days off named are 9",
            "1月4日（周日）上班|1月4日（周一）上班|paragraph 一|'1月4日' (2026-01-04) is a SUNDAY, not 周一 as written",
            "5月9日（周六）上班|5月1日（周五）上班|paragraph 四|2026-05-01 is a working day here and a day off in paragraph 四",
            "1月1日（周四）至3日（周六）|1月5日（周一）至3日（周六）|paragraph 一|does not end after it starts",
            "1月4日（周日）上班|1月4日（周日）|paragraph 一|2026-01-04 is not said to be days off (放假) or working days (上班)",
            "6月19日（周五）至21日（周日）放假|6月19日（周五）至放假|paragraph 五|the range from 2026-06-19 has no end date",
            "10月1日（周四）至7日（周三）|10月1日（周四）至12月7日（周一）|paragraph 七|longer than 31 days",
            "三、清明节：4月4日|三、清明节：4日|paragraph 三|'4日' has no month",
            "五、端午节：6月19日|五、端午节：至6月19日|paragraph 五|'至' must stand between two dates",
            "五、端午节：6月19日（周五）至21日（周日）放假，共3天。|五、端午节：6月20日（周六）上班。|paragraph 五|names no days off",
    })
    void eachBrokenArrangementIsRefusedNamingItsParagraph(String published, String broken, String part, String message) {
        String text = notice("2026.txt");
        assertThat(text).contains(published);
        assertThat(refused(text.replace(published, broken), 2026))
                .anySatisfy(reason -> {
                    assertThat(reason.part()).isEqualTo(part);
                    assertThat(reason.message()).contains(message);
                });
    }

    @Test
    void aStatedDayCountAfterASingleDateIsChecked() {
        String text = notice("2025.txt");
        assertThat(NoticeParser.parse(text, 2025).remarks()).extracting(Notice.Remark::text).anyMatch(t -> t.startsWith("不调休"));
        assertThat(refused(text.replace("放假1天", "放假2天"), 2025)).singleElement()
                .satisfies(reason -> assertThat(reason.message()).contains("says 放假2天 but names 1 days (2025-01-01)"));
    }

    @Test
    void theTitleMustBeThereAndNameTheYear() {
        assertThat(refused(notice("2026.txt"), 2027)).first().satisfies(reason -> {
            assertThat(reason.part()).isEqualTo("title");
            assertThat(reason.message()).isEqualTo("is the notice for 2026, not 2027");
        });
        String untitled = notice("2026.txt").replace("国务院办公厅关于2026年部分节假日安排的通知", "");
        assertThat(refused(untitled, 2026)).extracting(UnreadableNotice.Reason::part).containsExactly("title");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "国务院办公厅关于2026年部分节假日安排的通知\n\n各省、自治区、直辖市人民政府："})
    void anEmptyNoticeIsRefused(String text) {
        assertThat(refused(text, 2026)).extracting(UnreadableNotice.Reason::part).containsExactly("body");
    }

    @Test
    void aBodyLongerThanANoticeIsRefused() {
        String huge = notice("2026.txt") + "鼓".repeat(NoticeParser.MAX_CHARS);
        assertThat(refused(huge, 2026)).singleElement().satisfies(reason -> assertThat(reason.message()).contains("at most"));
        assertThatThrownBy(() -> NoticeParser.parse(null, 2026)).isInstanceOf(UnreadableNotice.class);
    }

    @Test
    void normalisingFoldsFullWidthFormsAndSpaces() {
        assertThat(NoticeParser.normalise("１月　１日（周四）：，。 ;．")).isEqualTo("1月1日(周四):,。。。");
        assertThat(NoticeParser.paragraphs("一、元旦:1月1日放假,\n共1天。\n\n二、春节:2月1日放假。"))
                .containsExactly("一、元旦:1月1日放假,共1天。", "二、春节:2月1日放假。");
    }
}
