package io.siban.common;

import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Protects applicants' ID numbers and phones: a keyed hash to match "one pending ticket per ID
 * number", masked forms for every response, and an AES-GCM sealed copy that only authorised staff
 * may open.
 */
@ApplicationScoped
public class PersonalData {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec sealKey;
    private final SecretKeySpec hashKey;

    @ConfigMapping(prefix = "siban.privacy")
    public interface Config {
        /** Base64 of 32 random bytes (SIBAN_DATA_KEY); keep it with the database backups. */
        String key();
    }

    @Inject
    public PersonalData(Config config) {
        byte[] key = Base64.getDecoder().decode(config.key().trim());
        if (key.length != 32) {
            throw new IllegalStateException("siban.privacy.key (SIBAN_DATA_KEY) must be base64 of 32 bytes");
        }
        this.sealKey = new SecretKeySpec(key, "AES");
        this.hashKey = new SecretKeySpec(key, "HmacSHA256");
    }

    public String hash(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return HexFormat.of().formatHex(mac.doFinal(normalise(value).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String seal(String plain) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String open(String sealed) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealKey, new GCMParameterSpec(128, all, 0, 12));
            return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("sealed personal data cannot be opened with this key", e);
        }
    }

    /** 620102199001011234 → 620102********1234 */
    public static String maskId(String id) {
        if (id == null) {
            return null;
        }
        String v = normalise(id);
        if (v.length() <= 4) {
            return "*".repeat(v.length());
        }
        int head = v.length() >= 14 ? 6 : 1;
        return v.substring(0, head) + "*".repeat(v.length() - head - 4) + v.substring(v.length() - 4);
    }

    /** 13812345678 → 138****5678 */
    public static String maskPhone(String phone) {
        if (phone == null) {
            return null;
        }
        String v = phone.trim();
        if (v.length() < 7) {
            return "*".repeat(v.length());
        }
        return v.substring(0, 3) + "*".repeat(v.length() - 7) + v.substring(v.length() - 4);
    }

    /** 张三丰 → 张** ; Alice → A**** */
    public static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String v = name.trim();
        int first = v.offsetByCodePoints(0, 1);
        return v.substring(0, first) + "*".repeat(v.codePointCount(first, v.length()));
    }

    private static String normalise(String value) {
        return value.trim().toUpperCase(java.util.Locale.ROOT);
    }
}
