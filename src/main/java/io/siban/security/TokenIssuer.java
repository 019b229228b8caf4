package io.siban.security;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/** Signs the bearer tokens of staff and devices. */
@ApplicationScoped
public class TokenIssuer {
    /** Claim naming the halls a token may act on ({@link Roles#ALL_HALLS} for all). */
    public static final String HALLS_CLAIM = "halls";
    /** Claim telling a staff token from a device token. */
    public static final String KIND_CLAIM = "kind";
    public static final String KIND_STAFF = "staff";
    public static final String KIND_DEVICE = "device";
    /** Claim of a staff token: the window numbers a clerk works at. */
    public static final String WINDOWS_CLAIM = "windows";
    /** Claim of a staff token limited to some departments of its halls (absent: all of them). */
    public static final String DEPARTMENTS_CLAIM = "departments";
    /** Claim of a device token: true when the device may issue PRIORITY and GREEN_CHANNEL tickets. */
    public static final String PRIORITY_CLAIM = "grantsPriority";
    /** Claim of a device token: how many tickets it may issue a minute. */
    public static final String ISSUE_LIMIT_CLAIM = "ticketsPerMinute";

    @Inject
    SecurityConfig config;

    /** A staff token; {@code departments} empty when the account answers for every department of its halls. */
    public String forStaff(String username, List<String> roles, List<String> halls, List<Integer> windows, List<String> departments) {
        var builder = Jwt.upn(username)
                .subject(username)
                .groups(new HashSet<>(roles))
                .claim(HALLS_CLAIM, halls)
                .claim(WINDOWS_CLAIM, windows.stream().map(String::valueOf).toList())
                .claim(KIND_CLAIM, KIND_STAFF);
        if (!departments.isEmpty()) {
            builder = builder.claim(DEPARTMENTS_CLAIM, departments);
        }
        return builder.expiresIn(config.staffTokenLifetime()).sign();
    }

    /** A device's token; what it may do (priority, its issuing limit) travels in it, so changing that means a new token. */
    public String forDevice(UUID id, String role, String hall, boolean mayGrantPriority, int ticketsPerMinute) {
        return Jwt.upn("device:" + id)
                .subject(id.toString())
                .claim("jti", id.toString())
                .groups(role)
                .claim(HALLS_CLAIM, List.of(hall))
                .claim(KIND_CLAIM, KIND_DEVICE)
                .claim(PRIORITY_CLAIM, mayGrantPriority)
                .claim(ISSUE_LIMIT_CLAIM, ticketsPerMinute)
                .expiresIn(config.deviceTokenLifetime())
                .sign();
    }

    public Duration staffLifetime() {
        return config.staffTokenLifetime();
    }
}
