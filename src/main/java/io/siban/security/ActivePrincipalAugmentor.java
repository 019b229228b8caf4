package io.siban.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;


/**
 * Refuses a valid signature whose account was disabled or whose device was revoked, at once and on
 * every instance (see {@link ActivePrincipals}).
 */
@ApplicationScoped
public class ActivePrincipalAugmentor implements SecurityIdentityAugmentor {
    @Inject
    ActivePrincipals principals;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        String kind = VerifiedTokens.kind(identity);
        Uni<Boolean> active = TokenIssuer.KIND_DEVICE.equals(kind) ? principals.deviceActive(jwt.getSubject())
                : principals.staffActive(jwt.getName());
        return active.map(ok -> {
            if (!ok) {
                throw new AuthenticationFailedException("account disabled or device revoked");
            }
            return identity;
        });
    }
}
