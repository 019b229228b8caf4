package io.siban.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.siban.support.Api;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;


import static io.siban.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

/** Tokens answered from the instance's memory of verified tokens keep every check of a fresh one. */
@QuarkusTest
class RememberedTokensTest {
    @Inject
    VerifiedTokens tokens;

    @Test
    void aVerifiedTokenIsRememberedAndAnsweredBeforeTheJwtValidator() {
        String hall = Api.hall("remembered-hall");
        String token = Api.kioskToken(hall);
        as(token).get("/api/v1/auth/me").then().statusCode(200);
        assertThat(tokens.find(token)).as("remembered after its first use").isNotNull();
        assertThat(new RememberedTokenProvider().priority()).isGreaterThan(new MpJwtValidator().priority());
        as(token).get("/api/v1/auth/me").then().statusCode(200).body("halls", contains(hall));
    }

    @Test
    void aChangedCopyOfARememberedTokenIsVerifiedAgainAndRefused() {
        String hall = Api.hall("remembered-hall");
        String token = Api.kioskToken(hall);
        as(token).get("/api/v1/auth/me").then().statusCode(200).body("halls", contains(hall));
        String[] parts = token.split("\\.");
        String otherClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace(hall, "*").getBytes());
        as(parts[0] + "." + otherClaims + "." + parts[2]).get("/api/v1/auth/me").then().statusCode(401);
        char last = parts[2].charAt(parts[2].length() - 2);
        String otherSignature = parts[2].substring(0, parts[2].length() - 2) + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1);
        as(parts[0] + "." + parts[1] + "." + otherSignature).get("/api/v1/auth/me").then().statusCode(401);
        as(token).get("/api/v1/auth/me").then().statusCode(200).body("halls", contains(hall));
    }
}
