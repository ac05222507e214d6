package org.khanaen.donations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The campaign's settings, bound the way the app binds them; production refuses to start without Stripe keys. */
class DonationsPropertiesTests {

    private static DonationsProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("khanaen.donations", DonationsProperties.class);
    }

    private static Throwable cause(Map<String, String> values) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> bind(values));
        assertThat(t).isInstanceOf(BindException.class);
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void theDefaultsAreThe2023CampaignInDevelopmentMode() {
        DonationsProperties p = bind(Map.of());
        assertThat(p.goal()).isEqualTo(12_000_000);
        assertThat(p.presets()).containsExactly(100L, 300L, 500L, 1000L, 5000L);
        assertThat(p.stripe().local()).isTrue();
        assertThat(p.stripe().signingSecret()).isEqualTo(DonationsProperties.LOCAL_WEBHOOK_SECRET);
    }

    @Test
    void productionWithoutStripeKeysDoesNotStart() {
        assertThat(cause(Map.of("khanaen.donations.stripe.required", "true")))
                .hasMessageContaining("KHANAEN_STRIPE_SECRET_KEY").hasMessageContaining("KHANAEN_STRIPE_WEBHOOK_SECRET");
        DonationsProperties p = bind(Map.of("khanaen.donations.stripe.required", "true", "khanaen.donations.stripe.secret-key", "sk_live_abc",
                "khanaen.donations.stripe.publishable-key", "pk_live_abc", "khanaen.donations.stripe.webhook-secret", "whsec_abc"));
        assertThat(p.stripe().local()).isFalse();
        assertThat(p.stripe().signingSecret()).isEqualTo("whsec_abc");
    }

    @Test
    void halfAConfigurationOrKeysOfTwoModesAreRefused() {
        assertThat(cause(Map.of("khanaen.donations.stripe.secret-key", "sk_test_abc"))).hasMessageContaining("all three");
        assertThat(cause(Map.of("khanaen.donations.stripe.secret-key", "sk_live_abc", "khanaen.donations.stripe.publishable-key", "pk_test_abc",
                "khanaen.donations.stripe.webhook-secret", "whsec_abc"))).hasMessageContaining("different modes");
        assertThat(cause(Map.of("khanaen.donations.stripe.secret-key", "pk_live_abc", "khanaen.donations.stripe.publishable-key", "pk_live_abc",
                "khanaen.donations.stripe.webhook-secret", "whsec_abc"))).hasMessageContaining("not a Stripe secret key");
    }

    @Test
    void limitsOutsideStripesAreRefused() {
        assertThat(cause(Map.of("khanaen.donations.min-amount", "5"))).hasMessageContaining("min-amount");
        assertThat(cause(Map.of("khanaen.donations.presets", "10000000"))).hasMessageContaining("presets");
        assertThat(cause(Map.of("khanaen.donations.checkout-expires-after", "10m"))).hasMessageContaining("30 minutes");
        assertThatThrownBy(() -> bind(Map.of("khanaen.donations.goal", "0"))).isInstanceOf(BindException.class);
    }
}
