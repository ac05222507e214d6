package org.khanaen.proofs;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who submitted and who verified, without saying who: HMAC-SHA256 of the person's id under a server secret, the first
 * 16 bytes in hex. The same person always has the same pseudonym (so the public sees that two reports came from two
 * people), and nobody without the secret can link it to a name, phone or email, nor test a guess.
 */
final class Pseudonyms {

    private final byte[] key;

    Pseudonyms(byte[] key) {
        if (key.length < 32) {
            throw new IllegalStateException("khanaen.proofs.pseudonym-key must be at least 32 bytes");
        }
        this.key = key.clone();
    }

    /** A volunteer's reports carry their volunteer id; anyone else (a lead, a verifier) is known by the actor's name. */
    String of(Long volunteerId, String actor) {
        return of(volunteerId != null ? "volunteer:" + volunteerId : "actor:" + actor);
    }

    String of(String person) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] out = mac.doFinal(("khanaen-pseudonym-v1:" + person).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(out, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
