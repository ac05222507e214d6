package org.khanaen.donations;

import java.util.Optional;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.LineItem;
import com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData;
import com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData.ProductData;

/**
 * Stripe Checkout through stripe-java's client (its own instance, not the library's global key). The API
 * version is the one this stripe-java release is built for ({@code Stripe.API_VERSION}): pinned by the
 * library's version in the pom.
 */
class StripeCheckoutSessions implements CheckoutSessions {

    private final StripeClient stripe;
    private final String productName;

    StripeCheckoutSessions(StripeClient stripe, String productName) {
        this.stripe = stripe;
        this.productName = productName;
    }

    @Override
    public CheckoutSession create(NewCheckout checkout) {
        SessionCreateParams params = params(checkout, productName);
        try {
            Session session = stripe.v1().checkout().sessions().create(params,
                    RequestOptions.builder().setIdempotencyKey(checkout.idempotencyKey()).build());
            return of(session);
        } catch (StripeException e) {
            throw new PaymentProviderUnavailable("Stripe refused or did not answer the checkout session of donation "
                    + checkout.donation().value() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<CheckoutSession> retrieve(String sessionId) {
        try {
            return Optional.of(of(stripe.v1().checkout().sessions().retrieve(sessionId)));
        } catch (InvalidRequestException e) {
            if (e.getStatusCode() != null && e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw new PaymentProviderUnavailable("Stripe refused to show checkout session " + sessionId + ": " + e.getMessage(), e);
        } catch (StripeException e) {
            throw new PaymentProviderUnavailable("Stripe did not show checkout session " + sessionId + ": " + e.getMessage(), e);
        }
    }

    /** Card and PromptPay in THB; the donation's id as client_reference_id and metadata, so every event finds it. */
    static SessionCreateParams params(NewCheckout checkout, String productName) {
        String donation = String.valueOf(checkout.donation().value());
        return SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setSubmitType(SessionCreateParams.SubmitType.DONATE)
                .addPaymentMethodType(SessionCreateParams.PaymentMethodType.CARD)
                .addPaymentMethodType(SessionCreateParams.PaymentMethodType.PROMPTPAY)
                .setCurrency(checkout.currency())
                .addLineItem(LineItem.builder().setQuantity(1L)
                        .setPriceData(PriceData.builder().setCurrency(checkout.currency()).setUnitAmount(checkout.amountSatang())
                                .setProductData(ProductData.builder().setName(productName).build())
                                .build())
                        .build())
                .setCustomerEmail(checkout.email())
                .setClientReferenceId(donation)
                .putMetadata("donation_id", donation)
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder().putMetadata("donation_id", donation).build())
                .setLocale("en".equals(checkout.locale().getLanguage()) ? SessionCreateParams.Locale.EN : SessionCreateParams.Locale.TH)
                .setSuccessUrl(checkout.successUrl())
                .setCancelUrl(checkout.cancelUrl())
                .setExpiresAt(checkout.expiresAt().getEpochSecond())
                .build();
    }

    static CheckoutSession of(Session session) {
        String method = session.getPaymentMethodTypes() != null && session.getPaymentMethodTypes().size() == 1
                ? session.getPaymentMethodTypes().get(0) : null;
        return new CheckoutSession(session.getId(), session.getUrl(), session.getStatus(), session.getPaymentStatus(),
                session.getAmountTotal() == null ? 0 : session.getAmountTotal(), session.getCurrency(), session.getPaymentIntent(),
                session.getClientReferenceId(), method);
    }
}
