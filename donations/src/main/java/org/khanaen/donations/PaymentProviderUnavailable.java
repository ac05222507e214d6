package org.khanaen.donations;

/** Stripe did not answer, or refused: nothing changed here; the donor may try again. */
public class PaymentProviderUnavailable extends DonationProblem {

    PaymentProviderUnavailable(String detail, Throwable cause) {
        super("donation.provider-unavailable");
        initCause(cause);
        this.detail = detail;
    }

    private final String detail;

    @Override
    public String getMessage() {
        return detail;
    }
}
