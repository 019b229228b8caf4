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
        return fingerprint(normalise(value));
    }

    /**
     * A keyed hash of the text as it is (an idempotent request's fingerprint, which carries personal data):
     * a database dump alone cannot try ID numbers against it.
     */
    public String fingerprint(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
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

    /** 620102-199001011233 → 620102********1233 */
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

    /** 13812345678 → 138****5678 ; 8765432 → *****32 */
    public static String maskPhone(String phone) {
        if (phone == null) {
            return null;
        }
        String v = phone.trim();
        if (v.length() < 7) {
            return "*".repeat(v.length());
        }
        if (v.length() < 11) { // a short (landline) number: three and four of seven would be all of it
            return "*".repeat(v.length() - 2) + v.substring(v.length() - 2);
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

    /**
     * The one form an ID number (or a typed code) is hashed and masked in: no spaces or dashes, upper case,
     * so "620102-19900101123X" and "620102 19900101123x" are the same person as "62010219900101123X".
     */
    public static String canonical(String value) {
        return SEPARATORS.matcher(value).replaceAll("").toUpperCase(java.util.Locale.ROOT);
    }

    /** The ISO 7064 MOD 11-2 check character (GB 11643) of a 17-digit ID number body. */
    public static char idCheckCharacter(String body) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    /** False only for a canonical 18-character resident ID number (17 digits and a check character) whose check character is wrong. */
    public static boolean idCheckHolds(String canonicalId) {
        return !RESIDENT_ID.matcher(canonicalId).matches() || idCheckCharacter(canonicalId) == canonicalId.charAt(17);
    }

    private static final java.util.regex.Pattern SEPARATORS = java.util.regex.Pattern.compile("[\\s-]+");
    private static final java.util.regex.Pattern RESIDENT_ID = java.util.regex.Pattern.compile("\\d{17}[0-9X]");
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    private static String normalise(String value) {
        return canonical(value);
    }
}
