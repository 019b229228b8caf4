package io.siban.staff;

import io.siban.security.TokenIssuer;
import io.siban.security.SecurityConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.siban.common.Clocks;
import io.siban.common.RateLimit;
import io.siban.common.problem.ProblemException;
import io.siban.staff.dto.PairedDevice;
import io.siban.staff.dto.PairingCode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * Pairs a kiosk or display with its device token through a short-lived one-time code, so the token
 * never travels in a URL (browser history, proxy logs, a photo of the screen). Only a hash of the
 * code is stored; redeeming it marks it used in the same statement that reads it, so two devices
 * racing with one code cannot both pair. Wrong codes are counted per client address.
 */
@ApplicationScoped
public class DevicePairing {
    /** No 0/O, 1/I/L: codes are read off one screen and typed on another. */
    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final int LENGTH = 8;
    /** Locks the device while its code is replaced, so two admins asking at once leave one code. */
    static final String LOCK_DEVICE = "select revoked_at is null as active from device where id = $1 for update";
    static final String DROP_UNUSED = "delete from device_pairing where device_id = $1 and used_at is null";
    static final String INSERT_CODE = "insert into device_pairing (code_hash, device_id, created_at, expires_at) values ($1, $2, $3, $4)";
    /** Reads and uses the code in one statement, so two devices racing with one code cannot both pair. */
    static final String REDEEM = """
            update device_pairing p set used_at = $2
            from device d
            where p.code_hash = $1 and p.used_at is null and p.expires_at > $2
              and d.id = p.device_id and d.revoked_at is null
            returning d.id, d.role, d.hall_code, d.may_grant_priority, d.tickets_per_minute""";

    private final SecureRandom random = new SecureRandom();
    private final RateLimit attempts;
    private final DevicePairingConfig config;

    @Inject
    Pool pool;
    @Inject
    Clocks clocks;
    @Inject
    TokenIssuer tokens;
    @Inject
    SecurityConfig security;

    @Inject
    public DevicePairing(ReactiveRedisDataSource redis, DevicePairingConfig config) {
        this.config = config;
        this.attempts = new RateLimit(redis, Duration.ofMinutes(1), Duration.ofMinutes(15));
    }

    /** A fresh code for the device; any earlier unused code of the device stops working. */
    public Uni<PairingCode> issue(UUID deviceId) {
        String code = newCode();
        OffsetDateTime now = clocks.now();
        OffsetDateTime expiresAt = now.plus(config.codeLifetime());
        return pool.withTransaction(conn -> conn.preparedQuery(LOCK_DEVICE)
                .execute(Tuple.of(deviceId))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("device", deviceId.toString());
                    }
                    if (!rows.iterator().next().getBoolean("active")) {
                        throw ProblemException.conflict("device " + deviceId + " is revoked");
                    }
                    return conn.preparedQuery(DROP_UNUSED).execute(Tuple.of(deviceId));
                })
                .chain(() -> conn.preparedQuery(INSERT_CODE)
                        .execute(Tuple.of(hash(code), deviceId, now, expiresAt))))
                .map(ignored -> new PairingCode(code.substring(0, LENGTH / 2) + "-" + code.substring(LENGTH / 2), expiresAt));
    }

    /** Redeems a code once for the device's token; an unknown, used or expired code (or a revoked device) is 401. */
    public Uni<PairedDevice> pair(String code, String client) {
        OffsetDateTime now = clocks.now();
        RateLimit.Count fromClient = new RateLimit.Count("siban:pairing:{" + client + "}", config.failuresPerMinute());
        return attempts.acquire("too many wrong pairing codes from this address; wait before trying again", fromClient)
                .chain(() -> pool.preparedQuery(REDEEM).execute(Tuple.of(hash(normalize(code)), now)))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().<PairedDevice>failure(
                                ProblemException.unauthorized("the pairing code is unknown, used or expired; ask for a new one"));
                    }
                    return attempts.release(fromClient).replaceWith(paired(rows.iterator().next()));
                });
    }

    private PairedDevice paired(Row device) {
        UUID id = device.getUUID("id");
        String role = device.getString("role");
        String hall = device.getString("hall_code");
        String token = tokens.forDevice(id, role, hall, device.getBoolean("may_grant_priority"), device.getInteger("tickets_per_minute"));
        return new PairedDevice(token, security.deviceTokenLifetime().toSeconds(), "Bearer", id, role, hall);
    }

    private String newCode() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }

    static String normalize(String code) {
        return code.toUpperCase(Locale.ROOT).replaceAll("[^0-9A-Z]", "");
    }

    // codes are random, short-lived and single-use, so a plain digest is enough to keep them out of a database dump
    private static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
