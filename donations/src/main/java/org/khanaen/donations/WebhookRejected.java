package org.khanaen.donations;

/** A webhook call that is not a genuine, fresh, readable Stripe event: refused, nothing changed. */
public class WebhookRejected extends RuntimeException {

    WebhookRejected(String why) {
        super(why);
    }
}
