package io.siban.sla.calendar.notice;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the State Council's yearly notice (国务院办公厅关于YYYY年部分节假日安排的通知) as published.
 *
 * <p>The text is first brought to one form (full-width digits and punctuation to half-width, spaces
 * dropped), then read paragraph by paragraph. Every paragraph must be accounted for: the title, the
 * addressees, the preamble, the signature and the date of issue, prose without dates, and the numbered
 * arrangements ("一、元旦：…"). A numbered paragraph is read sentence by sentence as a sequence of dates
 * (a date, "至" a date, "、" lists) each followed by what they are: 放假 / 放假调休 (days off), 补休
 * (days off in lieu), 上班 (make-up working days); "共N天" and "放假N天" are checked against the
 * days named, a weekday in brackets against the date, 与周末连休 and 不调休 are remarks, and a sentence
 * that begins with 鼓励 is advice, not an arrangement. A date without a year is in the notice's year;
 * a range that ends before it starts is refused unless the text names the other year.
 *
 * <p>Anything else is a {@link UnreadableNotice} naming the paragraph: nothing is guessed.
 *
 * <p>Long because the grammar is one scanner over one normalised text, and its rules (which date a
 * bare day belongs to, what a count covers) refer to each other; split, each part would restate them.
 */
public final class NoticeParser {

    /** A notice is a few KB; a body longer than this is not one. */
    public static final int MAX_CHARS = 20_000;
    /** Longer than any festival block (the longest in use is 9 days): a longer range is a typo. */
    static final int MAX_BLOCK_DAYS = 31;

    private static final Pattern TITLE = Pattern.compile("国务院办公厅关于(\\d{4})年部分节假日安排的通知");
    private static final Pattern NUMBERED = Pattern.compile("^([一二三四五六七八九十]{1,3})、(.*)$");
    private static final Pattern HEAD = Pattern.compile("^([^:\\d()]{1,40}):(.+)$");
    private static final Pattern ISSUE_DATE = Pattern.compile("^\\d{4}年\\d{1,2}月\\d{1,2}日$");
    private static final Pattern HAS_DATE = Pattern.compile("\\d{1,2}月\\d{1,2}日");
    private static final Pattern DATE = Pattern.compile("(?:(\\d{4})年)?(?:(\\d{1,2})月)?(\\d{1,2})日(?:\\(([^()]*)\\))?");
    private static final Pattern OFF = Pattern.compile("放假(?:调休)?(?:(\\d{1,2})天)?");
    private static final Pattern COUNT = Pattern.compile("共(\\d{1,2})天");
    private static final Pattern WEEKDAY = Pattern.compile("(?:周|星期|礼拜)([一二三四五六日天])");
    private static final Map<String, DayOfWeek> WEEKDAYS = Map.of("一", DayOfWeek.MONDAY, "二", DayOfWeek.TUESDAY,
            "三", DayOfWeek.WEDNESDAY, "四", DayOfWeek.THURSDAY, "五", DayOfWeek.FRIDAY, "六", DayOfWeek.SATURDAY,
            "日", DayOfWeek.SUNDAY, "天", DayOfWeek.SUNDAY);

    private NoticeParser() {
    }

    /**
     * The notice for {@code year}.
     *
     * @throws UnreadableNotice naming every part that cannot be read, or a title whose year is not {@code year}
     */
    public static Notice parse(String text, int year) {
        if (text == null || text.isBlank()) {
            throw new UnreadableNotice(List.of(new UnreadableNotice.Reason("body", "is empty; paste the notice's text")));
        }
        if (text.length() > MAX_CHARS) {
            throw new UnreadableNotice(List.of(new UnreadableNotice.Reason("body",
                    "is " + text.length() + " characters; a notice has at most " + MAX_CHARS)));
        }
        List<String> paragraphs = paragraphs(normalise(text));
        List<UnreadableNotice.Reason> reasons = new ArrayList<>();
        List<Notice.Remark> remarks = new ArrayList<>();
        List<Notice.Festival> festivals = new ArrayList<>();
        Integer titleYear = null;
        for (int i = 0; i < paragraphs.size(); i++) {
            String paragraph = paragraphs.get(i);
            Matcher title = TITLE.matcher(paragraph);
            Matcher numbered = NUMBERED.matcher(paragraph);
            if (title.find()) {
                titleYear = Integer.parseInt(title.group(1));
            } else if (numbered.matches()) {
                String part = "paragraph " + numbered.group(1);
                try {
                    festivals.add(new Item(year, numbered.group(1), numbered.group(2), remarks, part).read());
                } catch (Refusal refusal) {
                    reasons.add(new UnreadableNotice.Reason(part, quote(paragraph) + ": " + refusal.getMessage()));
                }
            } else if (HAS_DATE.matcher(paragraph).find() && !ISSUE_DATE.matcher(paragraph).matches()) {
                reasons.add(new UnreadableNotice.Reason("paragraph " + (i + 1), quote(paragraph)
                        + ": names dates outside the numbered arrangements (一、…：…), so it cannot be accounted for"));
            }
        }
        if (titleYear == null) {
            reasons.add(0, new UnreadableNotice.Reason("title", "is missing: the notice begins with 国务院办公厅关于"
                    + year + "年部分节假日安排的通知"));
        } else if (titleYear != year) {
            reasons.add(0, new UnreadableNotice.Reason("title", "is the notice for " + titleYear + ", not " + year));
        }
        if (festivals.isEmpty() && reasons.isEmpty()) {
            reasons.add(new UnreadableNotice.Reason("body", "has no numbered arrangement (一、元旦：…)"));
        }
        contradictions(festivals, reasons);
        if (!reasons.isEmpty()) {
            throw new UnreadableNotice(reasons);
        }
        return new Notice(year, festivals, remarks);
    }

    /** Half-width digits and punctuation, no spaces, one line per paragraph. */
    static String normalise(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0);
            }
            if (c == '.' || c == ';') {
                c = '。';
            }
            if (c == '\n') {
                out.append(c);
            } else if (c != '\uFEFF' && !Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Non-empty lines; a numbered paragraph wrapped over several lines is joined until its sentence ends. */
    static List<String> paragraphs(String normalised) {
        List<String> paragraphs = new ArrayList<>();
        for (String line : normalised.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int last = paragraphs.size() - 1;
            if (last >= 0 && NUMBERED.matcher(paragraphs.get(last)).matches() && !paragraphs.get(last).endsWith("。")
                    && !NUMBERED.matcher(line).matches()) {
                paragraphs.set(last, paragraphs.get(last) + line);
            } else {
                paragraphs.add(line);
            }
        }
        return paragraphs;
    }

    private static void contradictions(List<Notice.Festival> festivals, List<UnreadableNotice.Reason> reasons) {
        Map<LocalDate, String> off = new TreeMap<>();
        festivals.forEach(festival -> festival.daysOff().forEach(date -> off.putIfAbsent(date, festival.number())));
        for (Notice.Festival festival : festivals) {
            for (LocalDate date : festival.workdays()) {
                if (off.containsKey(date)) {
                    reasons.add(new UnreadableNotice.Reason("paragraph " + festival.number(), date
                            + " is a working day here and a day off in paragraph " + off.get(date)));
                }
            }
        }
    }

    private static String quote(String paragraph) {
        return "「" + (paragraph.length() > 160 ? paragraph.substring(0, 160) + "…" : paragraph) + "」";
    }

    /** A paragraph that cannot be read; the message says where and why. */
    private static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    /** One numbered paragraph being read: the dates named so far and the date context (year, month). */
    private static final class Item {
        private final int year;
        private final String number;
        private final String text;
        private final List<Notice.Remark> remarks;
        private final String part;
        private final SortedSet<LocalDate> daysOff = new TreeSet<>();
        private final SortedSet<LocalDate> workdays = new TreeSet<>();
        private LocalDate previous;

        Item(int year, String number, String text, List<Notice.Remark> remarks, String part) {
            this.year = year;
            this.number = number;
            this.text = text;
            this.remarks = remarks;
            this.part = part;
        }

        Notice.Festival read() {
            Matcher head = HEAD.matcher(text);
            if (!head.matches()) {
                throw new Refusal("a numbered paragraph is a festival's name, '：' and its arrangement");
            }
            for (String sentence : head.group(2).split("。")) {
                if (sentence.startsWith("鼓励")) {
                    remarks.add(new Notice.Remark(part, "advice, not an arrangement: " + sentence));
                } else if (!sentence.isEmpty()) {
                    sentence(sentence);
                }
            }
            if (daysOff.isEmpty()) {
                throw new Refusal("names no days off (放假)");
            }
            return new Notice.Festival(number, head.group(1), daysOff, workdays);
        }

        private void sentence(String sentence) {
            List<LocalDate> pending = new ArrayList<>();
            LocalDate rangeFrom = null;
            int offInSentence = 0;
            int at = 0;
            while (at < sentence.length()) {
                char c = sentence.charAt(at);
                Matcher date = DATE.matcher(sentence).region(at, sentence.length());
                Matcher off = OFF.matcher(sentence).region(at, sentence.length());
                Matcher count = COUNT.matcher(sentence).region(at, sentence.length());
                if (c == ',' || c == '、') {
                    at++;
                } else if (date.lookingAt()) {
                    LocalDate day = date(date);
                    if (rangeFrom != null) {
                        range(rangeFrom, day, date.group(0)).forEach(pending::add);
                        rangeFrom = null;
                    } else {
                        pending.add(day);
                    }
                    at = date.end();
                } else if (c == '至' || c == '~') {
                    if (pending.isEmpty() || rangeFrom != null) {
                        throw new Refusal("'至' must stand between two dates");
                    }
                    rangeFrom = pending.get(pending.size() - 1);
                    at++;
                } else if (rangeFrom != null) {
                    throw new Refusal("the range from " + rangeFrom + " has no end date");
                } else if (off.lookingAt() || sentence.startsWith("补休", at)) {
                    if (pending.isEmpty()) {
                        throw new Refusal("'" + sentence.substring(at, Math.min(sentence.length(), at + 4)) + "' names no dates");
                    }
                    if (off.lookingAt() && off.group(1) != null && Integer.parseInt(off.group(1)) != pending.size()) {
                        throw new Refusal("says " + off.group(0) + " but names " + pending.size() + " days (" + span(pending) + ")");
                    }
                    daysOff.addAll(pending);
                    offInSentence += pending.size();
                    pending.clear();
                    at = off.lookingAt() ? off.end() : at + 2;
                } else if (sentence.startsWith("上班", at)) {
                    if (pending.isEmpty()) {
                        throw new Refusal("'上班' names no dates");
                    }
                    workdays.addAll(pending);
                    pending.clear();
                    at += 2;
                } else if (count.lookingAt()) {
                    int stated = Integer.parseInt(count.group(1));
                    if (stated != offInSentence) {
                        throw new Refusal("says " + count.group(0) + " but the days off named are " + offInSentence);
                    }
                    at = count.end();
                } else if (sentence.startsWith("与周末连休", at) || sentence.startsWith("不调休", at)) {
                    String said = sentence.startsWith("不调休", at) ? "不调休" : "与周末连休";
                    remarks.add(new Notice.Remark(part, said + ("不调休".equals(said)
                            ? ": no make-up working day" : ": joined with the weekend, which is off anyway")));
                    at += said.length();
                } else {
                    throw new Refusal("cannot read '" + sentence.substring(at, Math.min(sentence.length(), at + 12)) + "'");
                }
            }
            if (rangeFrom != null) {
                throw new Refusal("the range from " + rangeFrom + " has no end date");
            }
            if (!pending.isEmpty()) {
                throw new Refusal(span(pending) + " is not said to be days off (放假) or working days (上班)");
            }
        }

        /** The date written, in the context of the previous one: a bare day takes its month and year. */
        private LocalDate date(Matcher written) {
            String shown = written.group(0).replaceFirst("\\(.*", "");
            Integer ofYear = written.group(1) == null ? null : Integer.parseInt(written.group(1));
            Integer month = written.group(2) == null ? null : Integer.parseInt(written.group(2));
            int day = Integer.parseInt(written.group(3));
            if (month == null && previous == null) {
                throw new Refusal("'" + shown + "' has no month");
            }
            int inYear = ofYear != null ? ofYear : month == null ? previous.getYear() : year;
            if (Math.abs(inYear - year) > 1) {
                throw new Refusal("'" + shown + "' is not in or next to " + year);
            }
            LocalDate date;
            try {
                date = LocalDate.of(inYear, month == null ? previous.getMonthValue() : month, day);
            } catch (DateTimeException e) {
                throw new Refusal("'" + shown + "' is not a date in " + inYear);
            }
            if (written.group(4) != null) {
                weekday(date, shown, written.group(4));
            }
            previous = date;
            return date;
        }

        private static void weekday(LocalDate date, String shown, String annotation) {
            Matcher weekday = WEEKDAY.matcher(annotation);
            while (weekday.find()) {
                DayOfWeek stated = WEEKDAYS.get(weekday.group(1));
                if (stated != date.getDayOfWeek()) {
                    throw new Refusal("'" + shown + "' (" + date + ") is a " + date.getDayOfWeek() + ", not "
                            + weekday.group(0) + " as written");
                }
            }
        }

        private static List<LocalDate> range(LocalDate from, LocalDate to, String shown) {
            long days = ChronoUnit.DAYS.between(from, to);
            if (days < 1) {
                throw new Refusal("the range " + from + " 至 '" + shown.replaceFirst("\\(.*", "") + "' (" + to
                        + ") does not end after it starts; name the year (e.g. " + (from.getYear() + 1)
                        + "年1月2日) when a range runs into another year");
            }
            if (days >= MAX_BLOCK_DAYS) {
                throw new Refusal("the range " + from + " to " + to + " is longer than " + MAX_BLOCK_DAYS + " days");
            }
            List<LocalDate> dates = new ArrayList<>();
            for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
                dates.add(d);
            }
            return dates;
        }

        private static String span(List<LocalDate> dates) {
            return dates.size() == 1 ? dates.get(0).toString() : dates.get(0) + "…" + dates.get(dates.size() - 1);
        }
    }
}
