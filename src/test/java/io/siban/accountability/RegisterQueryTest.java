package io.siban.accountability;

import io.siban.accountability.dto.ExplanationRequest;
import io.siban.common.problem.ProblemException;
import io.siban.sla.deadline.SlaCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The register's parameters and an explanation's fields are checked before anything is read: each bad one is a 400 naming it. */
class RegisterQueryTest {
    @ParameterizedTest(name = "{0}={1}… → 400 naming {6}")
    @CsvSource(nullValues = "null", value = {
            "null, 2026-10-31, null, null, null, null, from",
            "2026-10-01, null, null, null, null, null, to",
            "2026-13-01, 2026-10-31, null, null, null, null, from",
            "2026-10-01, 1999-12-31, null, null, null, null, to",
            "2026-11-01, 2026-10-31, null, null, null, null, from",
            "2025-10-30, 2026-10-31, null, null, null, null, to",
            "2026-10-01, 2026-10-31, GREEN, null, null, null, card",
            "2026-10-01, 2026-10-31, null, maybe, null, null, unexplained",
            "2026-10-01, 2026-10-31, null, null, -1, null, page",
            "2026-10-01, 2026-10-31, null, null, null, 201, size"})
    void aBadParameterIsNamed(String from, String to, String card, String unexplained, String page, String size, String field) {
        assertThatThrownBy(() -> RegisterQuery.parse(from, to, null, card, unexplained, null, page, size))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.toProblem().violations()).extracting("field").containsExactly(field);
                });
    }

    @Test
    void aYearAndADayIsTheLongestPeriod() {
        RegisterQuery q = RegisterQuery.parse(" 2025-10-31 ", "2026-10-31", " lz-city ", "red", "TRUE", " ", null, null);
        assertThat(q.from()).isEqualTo(LocalDate.of(2025, 10, 31));
        assertThat(q.hall()).isEqualTo("lz-city");
        assertThat(q.card()).isEqualTo(SlaCard.RED);
        assertThat(q.unexplained()).isTrue();
        assertThat(q.department()).isNull();
        assertThat(q.size()).isEqualTo(RegisterQuery.DEFAULT_SIZE);
    }

    @Test
    void anExplanationNamesEveryBadFieldAtOnceAndIsKeptTrimmed() {
        assertThatThrownBy(() -> ExplanationRules.check(new ExplanationRequest("GREEN", " ", null, "x".repeat(501))))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.toProblem().violations()).extracting("field")
                        .containsExactly("card", "cause", "responsible", "remedy"));
        String fiveHundred = "核".repeat(500);
        ExplanationRules.Checked kept = ExplanationRules.check(new ExplanationRequest(" legal_breach ", "  排期延误 ", "审批科 王某", fiveHundred));
        assertThat(kept.card()).isEqualTo(SlaCard.LEGAL_BREACH);
        assertThat(kept.cause()).isEqualTo("排期延误");
        assertThat(kept.remedy()).hasSize(500);
        assertThatThrownBy(() -> ExplanationRules.check(null)).isInstanceOf(ProblemException.class);
    }
}
