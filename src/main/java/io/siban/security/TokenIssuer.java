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

    @Inject
    SecurityConfig config;

    public String forStaff(String username, List<String> roles, List<String> halls) {
        return Jwt.upn(username)
                .subject(username)
                .groups(new HashSet<>(roles))
                .claim(HALLS_CLAIM, halls)
                .claim(KIND_CLAIM, KIND_STAFF)
                .expiresIn(config.staffTokenLifetime())
                .sign();
    }

    public String forDevice(UUID deviceId, String role, String hall) {
        return Jwt.upn("device:" + deviceId)
                .subject(deviceId.toString())
                .claim("jti", deviceId.toString())
                .groups(role)
                .claim(HALLS_CLAIM, List.of(hall))
                .claim(KIND_CLAIM, KIND_DEVICE)
                .expiresIn(config.deviceTokenLifetime())
                .sign();
    }

    public Duration staffLifetime() {
        return config.staffTokenLifetime();
    }
}
