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

    /** Failed logins per username and minute before 429. */
    @WithDefault("10")
    int loginAttemptsPerMinute();

    /** Tickets a new device may issue a minute unless it is created with its own number. */
    @WithDefault("60")
    int deviceTicketsPerMinute();
}
