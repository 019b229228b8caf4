package io.siban.appointment;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Booking codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), about 40 bits drawn
 * from a secure random source, so a code is typed at a kiosk without mistakes and not guessed: the
 * lookups that take one are rate-limited per client address. A QR code carries the same characters.
 * Only an HMAC of the code is searched (common/PersonalData); the code itself is kept sealed for the
 * idempotent retry of its booking.
 */
final class BookingCodes {
    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private BookingCodes() {
    }

    static String fresh() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The code as typed (spaces, dashes, lower case forgiven), or null when it cannot be a code. */
    static String normalise(String typed) {
        if (typed == null || typed.length() > 32) {
            return null;
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH) {
            return null;
        }
        for (int i = 0; i < code.length(); i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return null;
            }
        }
        return code;
    }
}
