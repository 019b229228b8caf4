package io.siban.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Identities of tokens this instance has already verified, keyed by the exact token text (signature
 * included), until the token expires. Kiosks and clerks send the same token on every request; checking
 * its RSA signature and parsing its claims each time cost about a fifth of a ticket's CPU. Whether the
 * account or device is still active is checked on every request all the same (ActivePrincipalAugmentor).
 */
@ApplicationScoped
public class VerifiedTokens {
    static final int CAPACITY = 20_000;
    /** Identity attributes holding the claims the service reads, taken from the token once. */
    static final String HALLS = "siban.halls";
    static final String KIND = "siban.kind";
    static final String REMEMBERED = "siban.remembered";
    static final String GRANTS_PRIORITY = "siban.grants-priority";
    static final String ISSUE_LIMIT = "siban.issue-limit";
    static final String WINDOWS = "siban.windows";
    static final String DEPARTMENTS = "siban.departments";

    private record Entry(SecurityIdentity identity, long expiresAtEpochSecond) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    SecurityIdentity find(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAtEpochSecond() <= System.currentTimeMillis() / 1000) {
            entries.remove(token, entry);
            return null;
        }
        return entry.identity();
    }

    void remember(String token, SecurityIdentity identity, long expiresAtEpochSecond) {
        if (entries.size() >= CAPACITY) {
            entries.clear();
        }
        entries.put(token, new Entry(identity, expiresAtEpochSecond));
    }

    int size() {
        return entries.size();
    }

    /** The token's kind claim, from the attributes when this identity has been remembered. */
    static String kind(SecurityIdentity identity) {
        if (identity.getAttribute(REMEMBERED) != null) {
            return identity.getAttribute(KIND);
        }
        return identity.getPrincipal() instanceof JsonWebToken jwt ? Claims.text(jwt, TokenIssuer.KIND_CLAIM) : null;
    }

    /** Whether a device token may issue priority tickets. */
    static boolean grantsPriority(SecurityIdentity identity) {
        if (identity.getAttribute(REMEMBERED) != null) {
            return Boolean.TRUE.equals(identity.getAttribute(GRANTS_PRIORITY));
        }
        return identity.getPrincipal() instanceof JsonWebToken jwt && "true".equals(Claims.text(jwt, TokenIssuer.PRIORITY_CLAIM));
    }

    /** A device token's tickets a minute, or null (staff tokens, and device tokens from before the limit). */
    static Integer issueLimit(SecurityIdentity identity) {
        if (identity.getAttribute(REMEMBERED) != null) {
            return identity.getAttribute(ISSUE_LIMIT);
        }
        return identity.getPrincipal() instanceof JsonWebToken jwt ? Claims.number(jwt, TokenIssuer.ISSUE_LIMIT_CLAIM) : null;
    }

    /** The departments a staff token answers for; empty: every department of its halls. */
    static List<String> departments(SecurityIdentity identity) {
        if (identity.getAttribute(REMEMBERED) != null) {
            List<String> departments = identity.getAttribute(DEPARTMENTS);
            return departments == null ? List.of() : departments;
        }
        return identity.getPrincipal() instanceof JsonWebToken jwt ? Claims.list(jwt, TokenIssuer.DEPARTMENTS_CLAIM) : List.of();
    }

    /** The windows a clerk's token is assigned to, as text. */
    static List<String> windows(SecurityIdentity identity) {
        if (identity.getAttribute(REMEMBERED) != null) {
            List<String> windows = identity.getAttribute(WINDOWS);
            return windows == null ? List.of() : windows;
        }
        return identity.getPrincipal() instanceof JsonWebToken jwt ? Claims.list(jwt, TokenIssuer.WINDOWS_CLAIM) : List.of();
    }

    /** The token's halls claim, from the attributes when this identity has been remembered. */
    static List<String> halls(SecurityIdentity identity) {
        if (identity.getAttribute(REMEMBERED) != null) {
            return identity.getAttribute(HALLS);
        }
        return identity.getPrincipal() instanceof JsonWebToken jwt ? Claims.list(jwt, TokenIssuer.HALLS_CLAIM) : List.of();
    }
}
