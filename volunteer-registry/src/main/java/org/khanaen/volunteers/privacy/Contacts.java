package org.khanaen.volunteers.privacy;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;

/**
 * Contact details in one canonical form, so that "081-234-5678", "0812345678" and "+66 81 234 5678"
 * are the same person. Phones are parsed by libphonenumber (Thai numbers by default).
 */
public final class Contacts {

    private static final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    // Deliberately plain: a real check is the verification mail.
    private static final Pattern EMAIL = Pattern.compile("^[^\\s@<>()\",;:]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}$");
    private static final Pattern LINE_ID = Pattern.compile("^[a-z0-9._-]{1,20}$");

    private Contacts() {
    }

    /** E.164, e.g. +66812345678; empty when it is not a valid number. */
    public static Optional<String> phone(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 40) {
            return Optional.empty();
        }
        try {
            var number = phones.parse(thaiDigitsToArabic(raw), "TH");
            return phones.isValidNumber(number) ? Optional.of(phones.format(number, PhoneNumberFormat.E164)) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Lower case, trimmed; empty when it does not look like an address. */
    public static Optional<String> email(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String email = raw.strip().toLowerCase(Locale.ROOT);
        return email.length() <= 254 && EMAIL.matcher(email).matches() ? Optional.of(email) : Optional.empty();
    }

    /** LINE ids are lower case letters, digits, '.', '-' and '_', at most 20; an optional leading @ is dropped. */
    public static Optional<String> lineId(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String id = raw.strip().toLowerCase(Locale.ROOT).replaceFirst("^@", "");
        return LINE_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    /** 081-xxx-5678 style, for lists: enough to recognise, not enough to call. */
    public static String maskPhone(String e164) {
        if (e164 == null) {
            return "";
        }
        try {
            String national = phones.format(phones.parse(e164, "TH"), PhoneNumberFormat.NATIONAL).replaceAll("\\s", "");
            return national.length() <= 6 ? "•••" : national.substring(0, 3) + "-•••-" + national.substring(national.length() - 4);
        } catch (NumberParseException e) {
            return "•••";
        }
    }

    public static String maskEmail(String email) {
        if (email == null) {
            return "";
        }
        int at = email.indexOf('@');
        return at <= 0 ? "•••" : email.substring(0, Math.min(2, at)) + "•••" + email.substring(at);
    }

    /** 0812345678 for people; E.164 is for storage. */
    public static String displayPhone(String e164) {
        if (e164 == null) {
            return "";
        }
        try {
            return phones.format(phones.parse(e164, "TH"), PhoneNumberFormat.NATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }

    private static String thaiDigitsToArabic(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(c >= 0x0E50 && c <= 0x0E59 ? '0' + (c - 0x0E50) : c));
        return out.toString();
    }
}
