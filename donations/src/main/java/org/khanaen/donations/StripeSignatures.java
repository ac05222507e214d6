package org.khanaen.donations;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs an event the way Stripe does ({@code Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of
 * "<t>.<payload>" keyed with the endpoint's secret>}): development mode's local payment page signs the
 * events it sends itself, so they pass the same verification as Stripe's.
 */
final class StripeSignatures {

    private StripeSignatures() {
    }

    static String header(String payload, String secret, long unixTime) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((unixTime + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + unixTime + ",v1=" + HexFormat.of().formatHex(signature);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
