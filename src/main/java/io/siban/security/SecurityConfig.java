package io.siban.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "siban.security")
public interface SecurityConfig {
    /** PBKDF2-HMAC-SHA256 iterations for new password hashes (stored with each hash). */
    @WithDefault("310000")
    int passwordIterations();

    @WithDefault("PT8H")
    Duration staffTokenLifetime();

    @WithDefault("P365D")
    Duration deviceTokenLifetime();

    /** Password of the first admin account, required on the first production start (SIBAN_ADMIN_PASSWORD). */
    Optional<String> adminPassword();

    /** How long an instance trusts its last look at whether an account or device is active, when Redis cannot tell it of a revocation. */
    @WithDefault("PT30S")
    Duration principalCacheTtl();

    /** Tickets a new device may issue a minute unless it is created with its own number. */
    @WithDefault("60")
    int deviceTicketsPerMinute();

    /** Logins: failed attempts per (username, client address) and per client address. */
    Throttle login();

    /** The public case lookup: wrong codes per (case number, client address) and per client address. */
    Throttle caseLookup();

    /**
     * Attempts allowed in a window before 429 with Retry-After. Past a limit each further attempt
     * doubles the wait, up to maxWait; a quiet wait clears it. The counts are per client address,
     * so nobody elsewhere can lock an account or a case out.
     */
    interface Throttle {
        /** Per subject (username or case number) from one client address. */
        @WithDefault("10")
        int perSubjectAndAddress();

        /** From one client address over all subjects, so spreading guesses over many does not help. */
        @WithDefault("30")
        int perAddress();

        @WithDefault("PT1M")
        Duration window();

        @WithDefault("PT15M")
        Duration maxWait();
    }
}
