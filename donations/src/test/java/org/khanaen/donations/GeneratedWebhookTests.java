package org.khanaen.donations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.khanaen.donations.GiftFixture.session;
import static org.khanaen.donations.StripeFixtures.event;
import static org.khanaen.donations.StripeFixtures.sign;
import static org.khanaen.donations.StripeFixtures.signNow;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hundreds of generated bad webhook bodies, each correctly signed so that it reaches the parser (truncated,
 * values of the wrong type, characters cut or added), and bad signature headers: every one is either refused as
 * {@link WebhookRejected} (the controller's 400) or handled as an event; none fails otherwise (a 500 Stripe would
 * retry for days), and the campaign's total moves only by a donation's own amount, once.
 */
@SpringBootTest
class GeneratedWebhookTests {

    private static final String[] WRONG_VALUES = { "null", "\"x\"", "[]", "{}", "-1", "1e400", "\"\\ud83d\\udca5\"", "true", "99999999999999999999" };

    @Autowired StripeWebhooks webhooks;
    @Autowired Donations campaign;
    @Autowired GiftFixture gifts;
    @Autowired JdbcClient jdbc;

    private static String mutate(String payload, SplittableRandom random) {
        int at = random.nextInt(payload.length());
        return switch (random.nextInt(5)) {
            case 0 -> payload.substring(0, at);
            case 1 -> payload.substring(0, at) + payload.substring(at + 1);
            case 2 -> payload.substring(0, at) + (char) random.nextInt(0x20, 0x3000) + payload.substring(at);
            case 3 -> {
                // a value of the wrong type: whatever follows one of the keys' colons
                int colon = payload.indexOf("\": ", at);
                if (colon < 0) {
                    yield "[" + payload + "]";
                }
                int start = colon + 3;
                int end = start;
                while (end < payload.length() && ",}\n".indexOf(payload.charAt(end)) < 0) {
                    end++;
                }
                yield payload.substring(0, start) + WRONG_VALUES[random.nextInt(WRONG_VALUES.length)] + payload.substring(end);
            }
            default -> payload + payload;
        };
    }

    @Test
    void aSignedBodyOfAnyShapeIsRefusedOrHandledNeverFailsAndCountsAtMostItsOwnAmount() {
        int refused = 0;
        int handled = 0;
        for (long seed = 1; seed <= 300; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            var donation = gifts.start(100, "generated-" + seed + "@example.org");
            String body = mutate(event("checkout.session.completed", session(donation, "pi_3Gen" + seed, "paid")), random);
            long before = campaign.campaign().raisedSatang();
            try {
                webhooks.receive(body, signNow(body));
                handled++;
            } catch (WebhookRejected expected) {
                refused++;
            } catch (RuntimeException unexpected) {
                throw new AssertionError("seed " + seed + ": " + unexpected + "\n" + body, unexpected);
            }
            if (gifts.reload(donation).status().equals("PENDING")) {
                // its session ends as Stripe ends an unpaid one, so it does not wait in other tests' reconciliation
                String expired = event("checkout.session.expired", session(donation, "pi_3Gen" + seed, "unpaid"));
                webhooks.receive(expired, signNow(expired));
            }
            long moved = campaign.campaign().raisedSatang() - before;
            assertThat(moved).as("seed %d", seed).isIn(0L, 10_000L);
        }
        System.out.printf("generated webhook bodies: %d refused, %d handled%n", refused, handled);
        assertThat(refused).isPositive();
    }

    @Test
    void aBadSignatureHeaderIsAlwaysRefusedAndChangesNothing() {
        var donation = gifts.start(100, "generated-signature@example.org");
        String body = event("checkout.session.completed", session(donation, "pi_3GenSig", "paid"));
        String right = signNow(body);
        long now = System.currentTimeMillis() / 1000;
        // (a right v1 beside a wrong one is valid: Stripe sends one per secret while a secret is being rolled)
        String[] headers = { "", " ", "t=", "v1=", "t=abc,v1=00", "t=" + now, right.replace("v1=", "v0="), right.substring(0, right.length() - 1),
sign(body, "whsec_other", now), sign(body, now - 10_000), sign(body, now + 10_000), "t=" + now + ",v1=" + "0".repeat(64),
                right.toUpperCase(), "t=" + Long.MAX_VALUE + ",v1=00", "t=-1,v1=00", "x".repeat(10_000) };
        for (String header : headers) {
            try {
                webhooks.receive(body, header);
                throw new AssertionError("accepted with the header " + header);
            } catch (WebhookRejected expected) {
                // refused, as it should be
            }
        }
        assertThat(gifts.reload(donation).status()).isEqualTo("PENDING");
    }
}
