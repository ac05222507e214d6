package org.khanaen.assignment;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * The links in an assignment mail: {@code <assignment id>.<nonce>.<purpose>.<signature>}. The HMAC
 * makes them unforgeable without a database read; the nonce, stored on the assignment and cleared
 * when the volunteer answers (or the assignment moves), makes them single-use.
 */
@Component
class AssignmentLinks {

    enum Purpose { RESPOND, STOP_REMINDERS }

    record Token(AssignmentId assignment, String nonce, Purpose purpose) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] key;

    AssignmentLinks(AssignmentProperties properties) {
        this.key = properties.linkKeyBytes();
    }

    static String newNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String sign(AssignmentId assignment, String nonce, Purpose purpose) {
        String body = assignment.value() + "." + nonce + "." + purpose.name().charAt(0);
        return body + "." + mac(body);
    }

    /** The token if its signature holds; says nothing yet about whether it was used. */
    Optional<Token> verify(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 4 || !parts[0].matches("[0-9]{1,18}") || !parts[1].matches("[A-Za-z0-9_-]{22}")
                || !parts[2].matches("[RS]")) {
            return Optional.empty();
        }
        String body = parts[0] + "." + parts[1] + "." + parts[2];
        if (!MessageDigest.isEqual(mac(body).getBytes(StandardCharsets.US_ASCII), parts[3].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(new Token(new AssignmentId(Long.parseLong(parts[0])), parts[1],
                parts[2].equals("R") ? Purpose.RESPOND : Purpose.STOP_REMINDERS));
    }

    private String mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
