package org.khanaen.donations;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.stripe.StripeClient;

/**
 * Stripe when its secret key is configured, else development mode: the local payment page and its record,
 * which the same webhook and reconciliation code read. The choice is made once, at start-up.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DonationsProperties.class)
class DonationsConfiguration {

    static final String SECRET_KEY = "khanaen.donations.stripe.secret-key";

    /** No Stripe secret key: development mode. (The properties' own checks refuse that in production.) */
    static class LocalMode implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment().getProperty(SECRET_KEY, "").isBlank();
        }
    }

    static class StripeMode implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new LocalMode().matches(context, metadata);
        }
    }

    @Bean
    @Conditional(StripeMode.class)
    CheckoutSessions stripeCheckoutSessions(DonationsProperties properties) {
        StripeClient stripe = StripeClient.builder().setApiKey(properties.stripe().secretKey()).build();
        return new StripeCheckoutSessions(stripe, "Khanaen donation");
    }

    @Bean
    @Conditional(LocalMode.class)
    LocalCheckoutSessions localCheckoutSessions(DonationsProperties properties, JdbcClient jdbc, ObjectProvider<Clock> clock) {
        return new LocalCheckoutSessions(jdbc, properties, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @Conditional(LocalMode.class)
    LocalPayments localPayments(LocalCheckoutSessions sessions, DonationsProperties properties, StripeWebhooks webhooks,
            DonationRecords donations, TransactionTemplate transaction, ObjectProvider<Clock> clock) {
        return new LocalPayments(sessions, new LocalStripeEvents(properties, clock.getIfAvailable(Clock::systemUTC)), webhooks, donations,
                transaction);
    }
}
