package io.siban.catalog;

import io.siban.catalog.dto.ItemRequest;
import io.siban.common.problem.Problem.Violation;
import io.siban.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ItemRulesTest {

    static ItemRequest item(Category category, Limit committed, Limit statutory) {
        return new ItemRequest("X-1", "事项", "部门", Level.CITY, category, committed, statutory, null,
                List.of("申请表"), true, "A", null, null, null);
    }

    static List<String> fields(ItemRequest item) {
        return ItemRules.violations(item).stream().map(Violation::field).toList();
    }

    @Test
    void immediateDefaultsToThirtyWorkingMinutes() {
        ItemRequest valid = ItemRules.validated(item(Category.IMMEDIATE, null, Limit.days(1)));
        assertThat(valid.committedLimit()).isEqualTo(Limit.of(Duration.ofMinutes(30)));
        assertThat(fields(item(Category.IMMEDIATE, Limit.days(1), Limit.days(3)))).containsExactly("committedLimit");
    }

    @Test
    void sameDayIsOneWorkingDay() {
        assertThat(ItemRules.validated(item(Category.SAME_DAY, null, Limit.days(5))).committedLimit()).isEqualTo(Limit.days(1));
        assertThat(fields(item(Category.SAME_DAY, Limit.days(2), Limit.days(5)))).containsExactly("committedLimit");
        assertThat(fields(item(Category.SAME_DAY, Limit.of(Duration.ofHours(4)), Limit.days(5)))).containsExactly("committedLimit");
    }

    @Test
    void timeLimitedNeedsWorkingDaysWithinTheStatutoryLimit() {
        assertThat(fields(item(Category.TIME_LIMITED, Limit.days(10), Limit.days(30)))).isEmpty();
        assertThat(fields(item(Category.TIME_LIMITED, Limit.days(10), Limit.days(10)))).isEmpty();
        assertThat(fields(item(Category.TIME_LIMITED, Limit.days(11), Limit.days(10)))).containsExactly("committedLimit");
        assertThat(fields(item(Category.TIME_LIMITED, null, Limit.days(10)))).containsExactly("committedLimit");
        assertThat(fields(item(Category.PROXY, Limit.of(Duration.ofHours(2)), Limit.days(10)))).containsExactly("committedLimit");
    }

    @Test
    void durationsCompareWithDaysAtEightHoursADay() {
        assertThat(fields(item(Category.IMMEDIATE, Limit.of(Duration.ofHours(8)), Limit.days(1)))).isEmpty();
        assertThat(fields(item(Category.IMMEDIATE, Limit.of(Duration.ofHours(9)), Limit.days(1)))).containsExactly("committedLimit");
        assertThat(fields(item(Category.IMMEDIATE, Limit.of(Duration.ofMinutes(30)), Limit.of(Duration.ofMinutes(20)))))
                .containsExactly("committedLimit");
    }

    @Test
    void limitsMustBePositiveAndBounded() {
        assertThat(fields(item(Category.TIME_LIMITED, Limit.days(0), Limit.days(10)))).contains("committedLimit");
        assertThat(fields(item(Category.IMMEDIATE, Limit.of(Duration.ofMinutes(-5)), Limit.days(1)))).contains("committedLimit");
        assertThat(fields(item(Category.TIME_LIMITED, Limit.days(5), Limit.days(99999)))).contains("statutoryLimit");
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        ItemRequest blank = new ItemRequest(" ", "", null, null, null, null, null, null, List.of("a", "a", " "), null,
                "bad code", 0, Duration.ZERO, null);
        assertThat(fields(blank)).contains("code", "name", "department", "level", "category", "onlineCapable",
                "statutoryLimit", "requiredDocuments[1]", "requiredDocuments[2]", "queueCode", "dailyQuota", "warningThreshold");
        assertThatThrownBy(() -> ItemRules.validated(blank)).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).status()).isEqualTo(400));
    }

    @Test
    void limitTextForms() {
        assertThat(Limit.parse("5")).isEqualTo(Limit.days(5));
        assertThat(Limit.parse("5d")).isEqualTo(Limit.days(5));
        assertThat(Limit.parse("PT30M")).isEqualTo(Limit.of(Duration.ofMinutes(30)));
        assertThatThrownBy(() -> Limit.parse("soon")).isInstanceOf(IllegalArgumentException.class);
    }
}
