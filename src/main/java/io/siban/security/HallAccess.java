package io.siban.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.siban.common.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.List;

/** The hall scope of the caller's token: admins act everywhere, everyone else on the halls named in it. */
@RequestScoped
public class HallAccess {
    @Inject
    SecurityIdentity identity;

    public boolean allows(String hall) {
        if (identity.hasRole(Roles.ADMIN)) {
            return true;
        }
        List<String> halls = halls();
        return halls.contains(Roles.ALL_HALLS) || halls.contains(hall);
    }

    public void require(String hall) {
        if (!allows(hall)) {
            throw ProblemException.forbidden("this token may not act on hall '" + hall + "'");
        }
    }

    public List<String> halls() {
        return VerifiedTokens.halls(identity);
    }

    public String actor() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
