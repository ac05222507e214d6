package org.khanaen.rewards;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The coupon codes and the signed payloads the holders' QR codes carry: {@code KHN1.<code>.<expiry>.<signature>},
 * the signature an HMAC-SHA256 over everything before it, so a payload whose code or expiry was changed, or
 * that was made up, is refused. Also the donors' wallet links. Spring-free.
 */
final class CouponPasses {

    static final String PREFIX = "KHN1.";
    /** Crockford's base32: no I, L, O, U, so a code read aloud or typed by hand is not misread. */
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final Pattern CODE = Pattern.compile("[0-9A-HJKMNP-TV-Z]{16}");
    private static final SecureRandom random = new SecureRandom();

    /** What a scanned or typed text turned out to be. */
    sealed interface Reading {
        record Pass(String code, Instant expires) implements Reading {
        }

        record Code(String code) implements Reading {
        }
    }

    private final byte[] key;

    CouponPasses(byte[] key) {
        this.key = key.clone();
    }

    /** 80 random bits, 16 characters. */
    static String newCode() {
        StringBuilder code = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            code.append(ALPHABET.charAt(random.nextInt(32)));
        }
        return code.toString();
    }

    /** For people: four groups of four. */
    static String grouped(String code) {
        return String.join("-", code.substring(0, 4), code.substring(4, 8), code.substring(8, 12), code.substring(12));
    }

    String pass(String code, Instant expires) {
        String body = PREFIX + code + "." + expires.getEpochSecond();
        return body + "." + sign(body);
    }

    /**
     * A QR payload (checked) or a code typed by hand (normalised: case, spaces, dashes and look-alike letters).
     *
     * @throws RewardsProblem {@code coupon.pass.tampered} for a payload that is not ours, {@code coupon.code.invalid}
     *                        for text that is neither
     */
    Reading read(String text) {
        String input = text == null ? "" : text.strip();
        if (input.length() > 200) {
            throw new RewardsProblem("coupon.code.invalid");
        }
        if (input.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            String[] parts = input.split("\\.", -1);
            if (parts.length != 4 || !CODE.matcher(parts[1]).matches() || !parts[2].matches("[0-9]{1,12}")) {
                throw new RewardsProblem("coupon.pass.tampered");
            }
            String body = input.substring(0, input.lastIndexOf('.'));
            byte[] given;
            try {
                given = Base64.getUrlDecoder().decode(parts[3]);
            } catch (IllegalArgumentException e) {
                throw new RewardsProblem("coupon.pass.tampered");
            }
            if (!MessageDigest.isEqual(given, mac(body.getBytes(StandardCharsets.US_ASCII)))) {
                throw new RewardsProblem("coupon.pass.tampered");
            }
            return new Reading.Pass(parts[1], Instant.ofEpochSecond(Long.parseLong(parts[2])));
        }
        String code = input.toUpperCase().replaceAll("[\\s-]", "").replace('O', '0').replace('I', '1').replace('L', '1');
        if (!CODE.matcher(code).matches()) {
            throw new RewardsProblem("coupon.code.invalid");
        }
        return new Reading.Code(code);
    }

    /** The token in a donor's wallet link: the donation's reference and its signature. */
    String walletToken(String donationRef) {
        String ref = Base64.getUrlEncoder().withoutPadding().encodeToString(donationRef.getBytes(StandardCharsets.UTF_8));
        return ref + "." + sign("wallet:" + donationRef);
    }

    /** The donation reference a wallet link stands for, or a refusal when the link was altered. */
    String donationOf(String walletToken) {
        String token = walletToken == null ? "" : walletToken.strip();
        int dot = token.indexOf('.');
        if (dot <= 0 || token.length() > 400) {
            throw new RewardsProblem("wallet.link.invalid");
        }
        try {
            String ref = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(("wallet:" + ref).getBytes(StandardCharsets.UTF_8)))) {
                throw new RewardsProblem("wallet.link.invalid");
            }
            return ref;
        } catch (IllegalArgumentException e) {
            throw new RewardsProblem("wallet.link.invalid");
        }
    }

    private String sign(String body) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(body.getBytes(StandardCharsets.UTF_8)));
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
