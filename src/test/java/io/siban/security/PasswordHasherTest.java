package io.siban.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

    @Test
    void hashesVerifyAndAreSalted() {
        String first = PasswordHasher.hash("窗口密码-1", 1000);
        String second = PasswordHasher.hash("窗口密码-1", 1000);
        assertThat(first).startsWith("pbkdf2-sha256$1000$").isNotEqualTo(second);
        assertThat(PasswordHasher.matches("窗口密码-1", first)).isTrue();
        assertThat(PasswordHasher.matches("窗口密码-2", first)).isFalse();
    }

    @Test
    void theIterationCountTravelsWithTheHash() {
        String stronger = PasswordHasher.hash("secret", 5000);
        assertThat(stronger).contains("$5000$");
        assertThat(PasswordHasher.matches("secret", stronger)).isTrue();
    }

    @Test
    void malformedStoredHashesNeverMatch() {
        assertThat(PasswordHasher.matches("secret", "plain-text")).isFalse();
        assertThat(PasswordHasher.matches("secret", null)).isFalse();
        assertThat(PasswordHasher.matches(null, PasswordHasher.hash("x", 1000))).isFalse();
    }
}
