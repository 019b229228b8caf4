package io.siban.queue;

import io.siban.common.PersonalData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;

/**
 * A ticket's access key: the secret a citizen holds (printed as the QR link) and shows to cancel,
 * reactivate or rate it. It is derived from the ticket's id with a server key (HMAC-SHA256, 128 bits
 * kept), so nothing is stored, a retried issue gets the same key back, and ids seen elsewhere give
 * no power over a ticket. The server key is derived from the data key (SIBAN_DATA_KEY).
 */
@ApplicationScoped
public class TicketKeys {
    private static final int KEY_BYTES = 16;
    private final SecretKeySpec key;

    @Inject
    public TicketKeys(PersonalData.Config config) {
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(Base64.getDecoder().decode(config.key().trim()), "HmacSHA256"),
                "siban ticket access key v1".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
    }

    public String of(UUID ticket) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest(ticket));
    }

    /** Whether {@code presented} is the ticket's key; compared in constant time. */
    public boolean matches(UUID ticket, String presented) {
        if (presented == null || presented.length() > 64) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(presented.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(digest(ticket), given);
    }

    private byte[] digest(UUID ticket) {
        byte[] id = ByteBuffer.allocate(16).putLong(ticket.getMostSignificantBits()).putLong(ticket.getLeastSignificantBits()).array();
        byte[] full = hmac(key, id);
        byte[] kept = new byte[KEY_BYTES];
        System.arraycopy(full, 0, kept, 0, KEY_BYTES);
        return kept;
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
