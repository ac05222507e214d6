package org.khanaen.web.errors;

import java.io.IOException;

/**
 * Thrown by a request body's stream once it passes its limit. An {@link IOException}, so every reader (Jackson, a
 * byte array, the Stripe webhook) stops as on a broken connection; {@link BodyTooLargeResolver} turns it into 413.
 */
class BodyTooLarge extends IOException {

    BodyTooLarge(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}
