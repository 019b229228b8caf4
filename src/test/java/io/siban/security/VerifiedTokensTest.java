package io.siban.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.junit.jupiter.api.Test;

import java.security.Principal;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokensTest {
    private static final long NOW = System.currentTimeMillis() / 1000;

    private static SecurityIdentity identity(String name) {
        Principal principal = () -> name;
        return QuarkusSecurityIdentity.builder().setPrincipal(principal).addRole("kiosk").build();
    }

    @Test
    void aTokenIsAnsweredOnlyUntilItExpires() {
        VerifiedTokens tokens = new VerifiedTokens();
        SecurityIdentity kiosk = identity("kiosk-1");
        tokens.remember("live", kiosk, NOW + 3600);
        tokens.remember("expired", identity("kiosk-2"), NOW - 1);
        tokens.remember("expiring-now", identity("kiosk-3"), NOW);

        assertThat(tokens.find("live")).isSameAs(kiosk);
        assertThat(tokens.find("expired")).isNull();
        assertThat(tokens.find("expiring-now")).isNull();
        assertThat(tokens.find("never-seen")).isNull();
    }

    @Test
    void onlyTheExactTokenTextMatches() {
        VerifiedTokens tokens = new VerifiedTokens();
        tokens.remember("header.claims.signature", identity("clerk"), NOW + 60);
        assertThat(tokens.find("header.claims.signaturf")).isNull();
        assertThat(tokens.find("header.claims.signature ")).isNull();
        assertThat(tokens.find("header.claims.signature")).isNotNull();
    }

    @Test
    void memoryStaysBounded() {
        VerifiedTokens tokens = new VerifiedTokens();
        for (int i = 0; i < VerifiedTokens.CAPACITY * 3; i++) {
            tokens.remember("token-" + i, identity("device-" + i), NOW + 60);
        }
        assertThat(tokens.size()).isLessThanOrEqualTo(VerifiedTokens.CAPACITY);
        assertThat(tokens.find("token-" + (VerifiedTokens.CAPACITY * 3 - 1))).as("the newest is kept").isNotNull();
    }
}
