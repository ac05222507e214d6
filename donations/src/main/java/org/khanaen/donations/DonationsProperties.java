package org.khanaen.donations;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code khanaen.donations}: the campaign and its Stripe account. Amounts in whole baht.
 *
 * @param goal                 the campaign's goal (the 2023 coalition aimed at 12 M THB)
 * @param deadline             the last day donations are taken (Bangkok time); none: open until changed
 * @param minAmount            the smallest gift (Stripe takes no less than ฿10)
 * @param maxAmount            the largest gift in one payment (PromptPay takes at most ฿150,000)
 * @param presets              the amounts offered as buttons
 * @param stripe               the account's keys; none: development mode with the local payment page
 * @param reconcileAfter       a donation still pending this long is checked with Stripe
 * @param checkoutExpiresAfter how long a Checkout Session stays payable (Stripe: 30 minutes to 24 hours)
 * @param publicUrl            how people reach the app: Stripe sends the donor back there
 * @param zone                 the campaign's clock: its deadline and the dates on receipts
 */
@ConfigurationProperties("khanaen.donations")
record DonationsProperties(@DefaultValue("12000000") long goal, LocalDate deadline, @DefaultValue("20") long minAmount,
        @DefaultValue("100000") long maxAmount, @DefaultValue({ "100", "300", "500", "1000", "5000" }) List<Long> presets,
        @DefaultValue StripeKeys stripe, @DefaultValue("10m") Duration reconcileAfter, @DefaultValue("1h") Duration checkoutExpiresAfter,
        @DefaultValue("http://localhost:8080") String publicUrl, @DefaultValue("Asia/Bangkok") ZoneId zone) {

    /**
     * Development mode's webhook secret, public in this repository: with no Stripe keys the local payment
     * page signs its events with it. Production refuses to start without real keys.
     */
    static final String LOCAL_WEBHOOK_SECRET = "whsec_khanaen_local_development_NOT_SECRET";
    /** Stripe's own limit for one THB payment: eight digits of satang. */
    private static final long STRIPE_MAX_BAHT = 999_999;

    /**
     * @param secretKey      {@code sk_live_…}/{@code sk_test_…} or a restricted {@code rk_…} key ({@code KHANAEN_STRIPE_SECRET_KEY})
     * @param publishableKey {@code pk_…} ({@code KHANAEN_STRIPE_PUBLISHABLE_KEY}): hosted Checkout does not need it in the
     *                       browser, but it must be of the same mode (live or test) as the secret key, which catches a
     *                       live key paired with a test one
     * @param webhookSecret  the webhook endpoint's signing secret {@code whsec_…} ({@code KHANAEN_STRIPE_WEBHOOK_SECRET})
     * @param required       production: refuse to start without the keys ({@code prod} profile)
     */
    record StripeKeys(String secretKey, String publishableKey, String webhookSecret, @DefaultValue("false") boolean required) {

        StripeKeys {
            secretKey = blankToNull(secretKey);
            publishableKey = blankToNull(publishableKey);
            webhookSecret = blankToNull(webhookSecret);
            check(secretKey, publishableKey, webhookSecret, required);
        }

        private static void check(String secretKey, String publishableKey, String webhookSecret, boolean required) {
            if (secretKey == null && publishableKey == null && webhookSecret == null) {
                if (required) {
                    throw new IllegalStateException("Stripe keys are missing: production needs KHANAEN_STRIPE_SECRET_KEY, "
                            + "KHANAEN_STRIPE_PUBLISHABLE_KEY and KHANAEN_STRIPE_WEBHOOK_SECRET (khanaen.donations.stripe.*)");
                }
                return; // development mode: the local payment page
            }
            if (secretKey == null || publishableKey == null || webhookSecret == null) {
                throw new IllegalStateException("Stripe needs all three of KHANAEN_STRIPE_SECRET_KEY, KHANAEN_STRIPE_PUBLISHABLE_KEY "
                        + "and KHANAEN_STRIPE_WEBHOOK_SECRET, or none of them (development mode)");
            }
            if (!secretKey.matches("(sk|rk)_(live|test)_\\w+")) {
                throw new IllegalStateException("khanaen.donations.stripe.secret-key is not a Stripe secret key (sk_live_…, sk_test_…, rk_…)");
            }
            if (!publishableKey.matches("pk_(live|test)_\\w+")) {
                throw new IllegalStateException("khanaen.donations.stripe.publishable-key is not a Stripe publishable key (pk_live_…, pk_test_…)");
            }
            if (!webhookSecret.startsWith("whsec_")) {
                throw new IllegalStateException("khanaen.donations.stripe.webhook-secret is not a webhook signing secret (whsec_…)");
            }
            if (secretKey.contains("_live_") != publishableKey.contains("_live_")) {
                throw new IllegalStateException("The Stripe secret and publishable keys are of different modes (one live, one test)");
            }
        }

        boolean local() {
            return secretKey == null;
        }

        String signingSecret() {
            return local() ? LOCAL_WEBHOOK_SECRET : webhookSecret;
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    DonationsProperties {
        if (goal < 1 || goal > 10_000_000_000L) {
            throw new IllegalStateException("khanaen.donations.goal must be between 1 and 10,000,000,000 baht");
        }
        if (minAmount < 10 || maxAmount < minAmount || maxAmount > STRIPE_MAX_BAHT) {
            throw new IllegalStateException("khanaen.donations.min-amount and max-amount must satisfy 10 ≤ min ≤ max ≤ 999,999 baht");
        }
        presets = presets == null ? List.of() : List.copyOf(presets);
        for (long preset : presets) {
            if (preset < minAmount || preset > maxAmount) {
                throw new IllegalStateException("khanaen.donations.presets: " + preset + " is outside min-amount and max-amount");
            }
        }
        if (checkoutExpiresAfter.compareTo(Duration.ofMinutes(30)) < 0 || checkoutExpiresAfter.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalStateException("khanaen.donations.checkout-expires-after must be between 30 minutes and 24 hours (Stripe's limits)");
        }
        if (reconcileAfter.compareTo(Duration.ofSeconds(10)) < 0) {
            throw new IllegalStateException("khanaen.donations.reconcile-after must be at least 10 seconds");
        }
    }

    String link(String path) {
        return publicUrl.replaceAll("/+$", "") + path;
    }
}
