package org.khanaen.donations;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.khanaen.donations.InvalidDonation.FieldProblem;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * What a gift must be: an amount in baht within the campaign's limits (at most two decimals), an e-mail
 * address for the receipt, a name of at most 100 and a message of at most 500 characters, no control
 * characters. Spring-free, so the rules are tested as rules.
 */
final class GiftRules {

    /** A checked gift. */
    record Gift(long amountSatang, String email, String name, String message, boolean anonymous, Locale locale) {
    }

    static final int MAX_NAME = 100;
    static final int MAX_MESSAGE = 500;
    static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]|[\\u202A-\\u202E\\u2066-\\u2069]");

    private final long minSatang;
    private final long maxSatang;

    GiftRules(long minBaht, long maxBaht) {
        this.minSatang = Baht.satang(minBaht);
        this.maxSatang = Baht.satang(maxBaht);
    }

    Gift check(DonationRequest request) {
        Map<String, FieldProblem> problems = new LinkedHashMap<>();
        long amount = amount(request.amount(), problems);
        String email = request.email() == null ? "" : request.email().strip();
        if (email.isEmpty()) {
            problems.put("email", new FieldProblem("donation.email.missing"));
        } else if (email.length() > 320 || !isAddress(email)) {
            problems.put("email", new FieldProblem("donation.email.invalid"));
        }
        String name = text(request.name(), MAX_NAME, "name", problems, false);
        String message = text(request.message(), MAX_MESSAGE, "message", problems, true);
        if (!problems.isEmpty()) {
            throw new InvalidDonation(problems);
        }
        Locale locale = request.locale() != null && "en".equals(request.locale().getLanguage()) ? Locale.ENGLISH : Locale.forLanguageTag("th-TH");
        return new Gift(amount, email, name, message, request.anonymous(), locale);
    }

    private long amount(String typed, Map<String, FieldProblem> problems) {
        if (typed == null || typed.replace("฿", "").isBlank()) {
            problems.put("amount", new FieldProblem("donation.amount.missing"));
            return 0;
        }
        var parsed = Baht.parse(typed);
        if (parsed.isEmpty()) {
            problems.put("amount", new FieldProblem("donation.amount.invalid"));
            return 0;
        }
        long satang = parsed.getAsLong();
        if (satang < minSatang) {
            problems.put("amount", new FieldProblem("donation.amount.too-small", Baht.format(minSatang)));
        } else if (satang > maxSatang) {
            problems.put("amount", new FieldProblem("donation.amount.too-large", Baht.format(maxSatang)));
        }
        return satang;
    }

    private static String text(String typed, int max, String field, Map<String, FieldProblem> problems, boolean lines) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String value = typed.strip().replace("\r\n", "\n");
        if (CONTROL.matcher(value).find() || !lines && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)) {
            problems.put(field, new FieldProblem("donation." + field + ".invalid"));
            return null;
        }
        if (value.codePointCount(0, value.length()) > max) {
            problems.put(field, new FieldProblem("donation." + field + ".too-long", max));
            return null;
        }
        return value;
    }

    private static boolean isAddress(String address) {
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            parsed.validate();
            return parsed.getPersonal() == null && address.equals(parsed.getAddress()) && address.indexOf('@') > 0
                    && address.substring(address.indexOf('@') + 1).contains(".");
        } catch (AddressException e) {
            return false;
        }
    }
}
