package io.siban.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Runs first on a freshly verified token: copies the claims the service reads (kind, halls) into the
 * identity's attributes and remembers the identity until the token expires (see {@link VerifiedTokens}).
 */
@ApplicationScoped
public class TokenClaimsAugmentor implements SecurityIdentityAugmentor {
    @Inject
    VerifiedTokens tokens;

    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(VerifiedTokens.REMEMBERED) != null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getRawToken() == null) {
            return Uni.createFrom().item(identity);
        }
        SecurityIdentity withClaims = QuarkusSecurityIdentity.builder(identity)
                .addAttribute(VerifiedTokens.KIND, Claims.text(jwt, TokenIssuer.KIND_CLAIM))
                .addAttribute(VerifiedTokens.HALLS, Claims.list(jwt, TokenIssuer.HALLS_CLAIM))
                .addAttribute(VerifiedTokens.WINDOWS, Claims.list(jwt, TokenIssuer.WINDOWS_CLAIM))
                .addAttribute(VerifiedTokens.DEPARTMENTS, Claims.list(jwt, TokenIssuer.DEPARTMENTS_CLAIM))
                .addAttribute(VerifiedTokens.GRANTS_PRIORITY, "true".equals(Claims.text(jwt, TokenIssuer.PRIORITY_CLAIM)))
                .addAttribute(VerifiedTokens.ISSUE_LIMIT, Claims.number(jwt, TokenIssuer.ISSUE_LIMIT_CLAIM))
                .addAttribute(VerifiedTokens.REMEMBERED, Boolean.TRUE)
                .build();
        tokens.remember(jwt.getRawToken(), withClaims, jwt.getExpirationTime());
        return Uni.createFrom().item(withClaims);
    }
}
