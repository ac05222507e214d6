package org.khanaen.web.donations;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.khanaen.donations.StripeWebhooks;
import org.khanaen.donations.WebhookRejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stripe's webhook endpoint. The body is read as raw bytes and handed over unchanged: the signature covers
 * exactly those bytes, and any parsing first would break it. 200 for anything handled (replays too), 400
 * with a problem detail for a bad signature or body (nothing changed), 5xx if the database failed (Stripe
 * retries).
 */
@RestController
class StripeWebhookController {

    static final String PATH = "/api/stripe/webhook";
    private static final Logger log = LoggerFactory.getLogger(StripeWebhookController.class);

    private final StripeWebhooks webhooks;

    StripeWebhookController(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> receive(@RequestBody(required = false) byte[] body,
            @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        try {
            StripeWebhooks.Outcome outcome = webhooks.receive(body == null ? "" : new String(body, StandardCharsets.UTF_8), signature);
            return ResponseEntity.ok(Map.of("received", true, "outcome", outcome.name()));
        } catch (WebhookRejected rejected) {
            log.warn("Stripe webhook refused: {}", rejected.getMessage());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Not a valid Stripe event: " + rejected.getMessage());
            problem.setTitle("Webhook refused");
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
    }
}
