package org.khanaen.volunteers.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Finds an encrypted value without decrypting anything: HMAC-SHA256 of the normalised value under a
 * key of its own, cut to 128 bits. Equal inputs give equal indexes (look-ups, the unique key that
 * keeps one person one record); without the key, an index says nothing about the value.
 */
public final class BlindIndex {

    private final SecretKeySpec key;
    // A Mac is not thread-safe and costly to make; one per thread, keyed once.
    private final ThreadLocal<Mac> macs;

    public BlindIndex(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(this.key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC unavailable", e);
            }
        });
    }

    public byte[] of(String normalised) {
        if (normalised == null) {
            return null;
        }
        return Arrays.copyOf(macs.get().doFinal(normalised.getBytes(StandardCharsets.UTF_8)), 16);
    }
}
