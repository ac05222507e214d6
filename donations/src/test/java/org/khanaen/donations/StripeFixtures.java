package org.khanaen.donations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's events as files (src/test/resources/stripe, shaped like Stripe's documented payloads for the
 * pinned API version) with {{PLACEHOLDERS}} for what a test decides, and Stripe's signature computed here,
 * independently of the app's code: HMAC-SHA256 of "{t}.{payload}" keyed with the endpoint secret.
 */
final class StripeFixtures {

    static final String SECRET = DonationsProperties.LOCAL_WEBHOOK_SECRET;

    private StripeFixtures() {
    }

    /** A fresh event id, as Stripe makes them. */
    static String eventId() {
        return "evt_1Khanaen" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** The fixture with its placeholders filled; EVENT_ID, CREATED and the like get defaults. */
    static String event(String file, Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>();
        long now = System.currentTimeMillis() / 1000;
        all.put("EVENT_ID", eventId());
        all.put("CREATED", now);
        all.put("EXPIRES_AT", now + 3600);
        all.put("DUE_BY", now + 7 * 86400);
        all.put("CURRENCY", "thb");
        all.put("EMAIL", "donor@example.org");
        all.put("TOKEN", "0".repeat(32));
        all.putAll(values);
        String text;
        try (InputStream in = StripeFixtures.class.getResourceAsStream("/stripe/" + file + ".json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (var e : all.entrySet()) {
            text = text.replace("{{" + e.getKey() + "}}", String.valueOf(e.getValue()));
        }
        if (text.contains("{{")) {
            throw new IllegalArgumentException("unfilled placeholder in " + file + ": " + text.substring(text.indexOf("{{"), text.indexOf("{{") + 30));
        }
        return text;
    }

    static String sign(String payload, long unixTime) {
        return sign(payload, SECRET, unixTime);
    }

    static String sign(String payload, String secret, long unixTime) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + unixTime + ",v1=" + HexFormat.of().formatHex(mac.doFinal((unixTime + "." + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String signNow(String payload) {
        return sign(payload, System.currentTimeMillis() / 1000);
    }
}
