package io.siban.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * Refuses a valid signature whose account was disabled or whose device was revoked, at once and on
 * every instance: one indexed primary-key read per authenticated request.
 */
@ApplicationScoped
public class ActivePrincipalAugmentor implements SecurityIdentityAugmentor {
    @Inject
    Pool pool;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        String kind = Claims.text(jwt, TokenIssuer.KIND_CLAIM);
        Uni<Boolean> active = TokenIssuer.KIND_DEVICE.equals(kind) ? deviceActive(jwt.getSubject()) : staffActive(jwt.getName());
        return active.map(ok -> {
            if (!ok) {
                throw new AuthenticationFailedException("account disabled or device revoked");
            }
            return identity;
        });
    }

    private Uni<Boolean> staffActive(String username) {
        return pool.preparedQuery("select active from staff where username = $1").execute(Tuple.of(username))
                .map(rows -> rows.size() == 1 && rows.iterator().next().getBoolean(0));
    }

    private Uni<Boolean> deviceActive(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().item(false);
        }
        return pool.preparedQuery("select revoked_at is null from device where id = $1").execute(Tuple.of(uuid))
                .map(rows -> rows.size() == 1 && rows.iterator().next().getBoolean(0));
    }
}
