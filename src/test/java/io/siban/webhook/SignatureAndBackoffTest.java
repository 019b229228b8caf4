package io.siban.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signature as Standard Webhooks verifies it, and the retry schedule. */
class SignatureAndBackoffTest {
    static final long SEED = Long.getLong("siban.seed", 1717L);

    @Test
    void signsAsOpensslAndPythonDo() {
        // the example vector published with the Standard Webhooks specification
        assertThat(Signature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void anErrorExcerptKeepsNoNulOrControlCharactersAndAtMostFiveHundred() {
        assertThat(WebhookCall.excerpt("a\u0000b\u0001c\r\n\td\u007f\uD83D\uDE00")).isEqualTo("abc\n\td\uD83D\uDE00");
        assertThat(WebhookCall.excerpt("x".repeat(500))).hasSize(500).doesNotContain("…");
        assertThat(WebhookCall.excerpt("\u0000".repeat(300) + "y".repeat(600))).hasSize(500).endsWith("y…");
    }

    @Test
    void aLeaseMustOutlastTwoAttemptsAndARunEndsInTimeToBeRecorded() {
        assertThatThrownBy(() -> WebhookSender.checkTimes(Duration.ofSeconds(15), Duration.ofSeconds(30))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("siban.webhooks.lease");
        assertThatThrownBy(() -> WebhookSender.checkTimes(Duration.ZERO, Duration.ofSeconds(30))).isInstanceOf(IllegalStateException.class);
        WebhookSender.checkTimes(Duration.ofSeconds(5), Duration.ofSeconds(30));
        Duration budget = WebhookSender.runBudget(Duration.ofSeconds(5), Duration.ofSeconds(30));
        assertThat(budget.plus(Duration.ofSeconds(5))).as("the last attempt ends before the lease").isLessThan(Duration.ofSeconds(30));
        assertThat(budget).isPositive();
    }

    @Test
    void aNewSecretIsThirtyTwoRandomBytes() {
        String one = Signature.newSecret();
        assertThat(one).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(one.substring(6))).hasSize(32);
        assertThat(Signature.newSecret()).isNotEqualTo(one);
    }

    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(24));

    @Test
    void theCeilingDoublesUpToTheCap() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(80));
        assertThat(backoff.ceiling(11)).isEqualTo(Duration.ofHours(1));
        assertThat(backoff.ceiling(1000)).isEqualTo(Duration.ofHours(1));
    }

    static Stream<Long> seeds() {
        return LongStream.range(0, 200).mapToObj(i -> SEED + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theNextAttemptIsAfterNowWithinTheCeilingUntilTheDayIsOver(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant first = Instant.parse("2026-12-01T00:00:00Z");
        int attempts = 1 + random.nextInt(60);
        Instant now = first.plusSeconds(random.nextLong(0, 26 * 3600));
        Instant next = backoff.next(first, now, attempts, random::nextDouble);
        if (now.isBefore(first.plus(Duration.ofHours(24)))) {
            assertThat(next).as("seed %d", seed).isAfter(now);
            assertThat(Duration.between(now, next)).as("seed %d", seed).isLessThanOrEqualTo(backoff.ceiling(attempts).plusMillis(1));
        } else {
            assertThat(next).as("seed %d: dead after 24 h", seed).isNull();
        }
    }
}
