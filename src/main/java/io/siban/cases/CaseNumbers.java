package io.siban.cases;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * Case numbers and verification codes: the hall's code, the local day and a random part
 * (e.g. LZCITY20261130-7KQ4M), readable but with no sequence to count through; the six-digit code
 * for the public lookup is kept only as a hash (and sealed for the clerk's answer).
 */
public final class CaseNumbers {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** No 0/O, 1/I or U: easy to read out and type. 31^5 ≈ 28 million numbers per hall and day. */
    static final String NUMBER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTVWXYZ";
    static final int RANDOM_PART_LENGTH = 5;
    /** How often a clashing random part is drawn again. */
    static final int NUMBER_ATTEMPTS = 5;

    private CaseNumbers() {
    }

    static String randomPart() {
        return randomPart(RANDOM);
    }

    /** A random part drawn from {@code random} (the demo history draws its numbers from a fixed seed). */
    public static String randomPart(java.util.random.RandomGenerator random) {
        char[] part = new char[RANDOM_PART_LENGTH];
        for (int i = 0; i < part.length; i++) {
            part[i] = NUMBER_ALPHABET.charAt(random.nextInt(NUMBER_ALPHABET.length()));
        }
        return new String(part);
    }

    /** A fresh six-digit verification code. */
    static String verificationCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    /** Case numbers as citizens type them: any case, spaces around. */
    static String normalize(String caseNumber) {
        return caseNumber == null ? "" : caseNumber.trim().toUpperCase(Locale.ROOT);
    }

    /** The stored form of a case's verification code. */
    public static String codeHash(UUID id, String code) {
        return hash(id + ":" + code);
    }

    /** Whether {@code code} is the case's, in constant time. */
    static boolean codeMatches(UUID id, String code, String storedHash) {
        return MessageDigest.isEqual(codeHash(id, code).getBytes(StandardCharsets.UTF_8), storedHash.getBytes(StandardCharsets.UTF_8));
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
