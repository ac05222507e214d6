package org.khanaen.benchmarks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.khanaen.donations.DonationRequest;
import org.khanaen.donations.Donations;
import org.khanaen.rewards.Audience;
import org.khanaen.rewards.OfferDraft;
import org.khanaen.rewards.SponsorProfile;
import org.khanaen.rewards.Sponsorships;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Payments across a kill: {@code --donations} opened through the campaign in set-up (development mode's checkout
 * sessions) and an open offer for donors. Then a node in its own JVM, configured with Stripe keys and a signing secret
 * of this run's own (so every event is checked against a real HMAC), receives Stripe's {@code checkout.session.completed}
 * for each donation, signed when sent; one in ten is delivered a second time (Stripe's redelivery), one in ten is
 * then refunded in full ({@code charge.refunded}). The node is killed with SIGKILL when 40% are answered and a new
 * one takes over while the senders retry as Stripe does. Counted afterwards: each donation succeeded once, one ledger
 * line per donation and per refund, the campaign total, one receipt mail per donation, each event recorded once, one
 * donor coupon per donation that was not refunded and none live for a refunded one, whichever of its two events rewards
 * handled first (the hand-off to rewards), no event publication left incomplete.
 */
final class PaymentsDrill implements Drill {

    private final int count;
    private final String secret = "whsec_drill" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private List<Donation> donations;

    PaymentsDrill(int count) {
        this.count = count;
    }

    private record Donation(long id, long amountSatang, String session, String paymentIntent, String email) {
    }

    @Override
    public String name() {
        return "payments";
    }

    /** Stripe mode with this run's own signing secret; no reconciliation with Stripe during the drill (it is not reachable). */
    @Override
    public List<String> nodeArguments() {
        return List.of("--khanaen.donations.stripe.secret-key=sk_test_drill", "--khanaen.donations.stripe.publishable-key=pk_test_drill",
                "--khanaen.donations.stripe.webhook-secret=" + secret, "--khanaen.donations.reconcile-after=1h");
    }

    @Override
    public List<List<KillStream.Step>> jobs(ChildApp node) {
        List<List<KillStream.Step>> jobs = new ArrayList<>();
        for (int i = 0; i < donations.size(); i++) {
            Donation d = donations.get(i);
            List<KillStream.Step> steps = new ArrayList<>();
            steps.add(new KillStream.Step("completed", () -> webhook(node, completed(d))));
            if (redelivered(i)) {
                steps.add(new KillStream.Step("redelivered", () -> webhook(node, completed(d))));
            }
            if (refunded(i)) {
                steps.add(new KillStream.Step("refunded", () -> webhook(node, refunded(d))));
            }
            jobs.add(steps);
        }
        return jobs;
    }

    private static boolean redelivered(int i) {
        return i % 10 == 3;
    }

    private static boolean refunded(int i) {
        return i % 10 == 7;
    }

    /** An offer for donors, and the donations opened as donors open them (development mode's checkout sessions). */
    @Override
    public void setUp(ConfigurableApplicationContext app, String url) throws Exception {
        Sponsorships sponsorships = app.getBean(Sponsorships.class);
        var sponsor = sponsorships.register("drill-payments-sponsor", "Drill-sponsor-one-time", new SponsorProfile("ร้านซ้อม", "Drill shop", null, null, null));
        sponsorships.addOffer(sponsor, new OfferDraft("คูปองผู้บริจาค", "Donor coupon", "เงื่อนไข", "Terms", 50_00, count + 10,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)), Audience.DONORS, null));
        Donations campaign = app.getBean(Donations.class);
        for (int i = 0; i < count; i++) {
            campaign.start(new DonationRequest(String.valueOf(100 + 37 * i % 4900), "donor" + i + "@drill.example.org", "ผู้บริจาค " + i,
                    null, false, i % 2 == 0 ? Locale.forLanguageTag("th") : Locale.ENGLISH));
        }
        donations = new ArrayList<>();
        try (Connection c = app.getBean(javax.sql.DataSource.class).getConnection(); ResultSet rs = c.createStatement().executeQuery("""
                select d.id, d.amount_satang, d.checkout_session_id, s.payment_intent_id, d.email, d.status
                from donation d join local_checkout_session s on s.id = d.checkout_session_id order by d.id""")) {
            while (rs.next()) {
                if (!rs.getString(6).equals("PENDING")) {
                    throw new IllegalStateException("donation " + rs.getLong(1) + " is " + rs.getString(6) + " before its payment");
                }
                donations.add(new Donation(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        }
        if (donations.size() != count) {
            throw new IllegalStateException(donations.size() + " donations with a checkout session, " + count + " opened");
        }
        System.out.printf("payments drill: %,d donations opened, %,d to be delivered twice, %,d to be refunded%n", count,
                java.util.stream.IntStream.range(0, count).filter(PaymentsDrill::redelivered).count(),
                java.util.stream.IntStream.range(0, count).filter(PaymentsDrill::refunded).count());
    }

    private static String completed(Donation d) {
        return event("evt_drill_paid_" + d.id(), "checkout.session.completed", """
                {"id":"%s","object":"checkout.session","amount_subtotal":%d,"amount_total":%d,"client_reference_id":"%d","currency":"thb",\
                "customer_email":"%s","livemode":false,"metadata":{"donation_id":"%d"},"mode":"payment","payment_intent":"%s",\
                "payment_method_types":["card"],"payment_status":"paid","status":"complete"}"""
                .formatted(d.session(), d.amountSatang(), d.amountSatang(), d.id(), d.email(), d.id(), d.paymentIntent()));
    }

    private static String refunded(Donation d) {
        return event("evt_drill_refund_" + d.id(), "charge.refunded", """
                {"id":"ch_drill_%d","object":"charge","amount":%d,"amount_captured":%d,"amount_refunded":%d,"captured":true,\
                "currency":"thb","livemode":false,"paid":true,"payment_intent":"%s","refunded":true,"status":"succeeded"}"""
                .formatted(d.id(), d.amountSatang(), d.amountSatang(), d.amountSatang(), d.paymentIntent()));
    }

    private static String event(String id, String type, String object) {
        return """
                {"id":"%s","object":"event","api_version":"%s","created":%d,"data":{"object":%s},"livemode":false,"pending_webhooks":1,\
                "request":{"id":null,"idempotency_key":null},"type":"%s"}"""
                .formatted(id, com.stripe.Stripe.API_VERSION, Instant.now().getEpochSecond(), object, type);
    }

    /** Signed now, as Stripe signs each delivery: {@code t=<unix time>,v1=<HMAC-SHA256 of "t.payload">}. */
    private HttpRequest webhook(ChildApp node, String payload) {
        long t = Instant.now().getEpochSecond();
        String v1;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            v1 = HexFormat.of().formatHex(mac.doFinal((t + "." + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return HttpRequest.newBuilder(URI.create(node.base() + "/api/stripe/webhook")).header("Content-Type", "application/json")
                .header("Stripe-Signature", "t=" + t + ",v1=" + v1).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
    }

    @Override
    public DrillResult verify(String url, ChildApp node, KillStream.Outcome outcome) throws Exception {
        List<String> problems = Drills.streamProblems(outcome, "completed", "redelivered", "refunded");
        long refunds = 0, refundedSatang = 0, paidSatang = 0;
        for (int i = 0; i < donations.size(); i++) {
            paidSatang += donations.get(i).amountSatang();
            if (refunded(i)) {
                refunds++;
                refundedSatang += donations.get(i).amountSatang();
            }
        }
        long n = donations.size();
        try (Connection c = node.connect(); var st = c.createStatement()) {
            long incomplete = DrillResult.awaitNoIncompletePublications(st);
            Map<String, Long> statuses = new TreeMap<>();
            try (ResultSet rs = st.executeQuery("select status, count(*) from donation group by status")) {
                while (rs.next()) {
                    statuses.put(rs.getString(1), rs.getLong(2));
                }
            }
            long succeeded = statuses.getOrDefault("SUCCEEDED", 0L);
            long donationLines = DrillResult.single(st, "select count(*) from ledger_entry where kind = 'DONATION'");
            long donationsWithLine = DrillResult.single(st, "select count(distinct donation_id) from ledger_entry where kind = 'DONATION'");
            long refundLines = DrillResult.single(st, "select count(*) from ledger_entry where kind = 'REFUND'");
            long raised = DrillResult.single(st, "select coalesce(sum(amount_satang), 0) from ledger_entry where kind in ('DONATION', 'REFUND', 'DISPUTE')");
            long receipts = DrillResult.single(st, "select count(*) from mail_outbox where category = 'donation-receipt'");
            long receiptKeys = DrillResult.single(st, "select count(distinct dedup_key) from mail_outbox where category = 'donation-receipt'");
            long events = DrillResult.single(st, "select count(*) from stripe_event");
            long applied = DrillResult.single(st, "select count(*) from stripe_event where outcome = 'APPLIED'");
            long coupons = DrillResult.single(st, "select count(*) from coupon where trigger_key regexp '^donation:[0-9]+$'");
            long couponDonations = DrillResult.single(st, "select count(distinct trigger_key) from coupon where trigger_key regexp '^donation:[0-9]+$'");
            long revoked = DrillResult.single(st, "select count(*) from coupon where trigger_key regexp '^donation:[0-9]+$' and state = 'REVOKED'");
            long live = DrillResult.single(st, "select count(*) from coupon where trigger_key regexp '^donation:[0-9]+$' and state = 'ISSUED'");
            // a refunded donation keeps no coupon, whichever of its success and its refund rewards handled first
            long keptAfterRefund = DrillResult.single(st, "select count(*) from coupon c join ledger_entry l on l.kind = 'REFUND'"
                    + " and c.trigger_key = concat('donation:', l.donation_id) where c.state = 'ISSUED'");
            long refundedFirst = refunds - revoked; // refunded before their coupon was issued: none issued
            long doubled = donationLines - donationsWithLine;
            long lost = n - donationsWithLine;
            if (succeeded != n || donationLines != n || donationsWithLine != n) {
                problems.add("donations: " + statuses + ", " + donationLines + " ledger lines for " + donationsWithLine + " donations, " + n + " paid");
            }
            if (refundLines != refunds) {
                problems.add(refundLines + " refund lines for " + refunds + " refunds");
            }
            if (raised != paidSatang - refundedSatang) {
                problems.add("campaign total " + raised + " satang, expected " + (paidSatang - refundedSatang));
            }
            if (receipts != n || receiptKeys != n) {
                problems.add(receipts + " receipt mails (" + receiptKeys + " keys) for " + n + " donations");
            }
            if (events != n + refunds || applied != events) {
                problems.add("Stripe event log: " + events + " events (" + applied + " applied), " + (n + refunds) + " distinct sent");
            }
            if (coupons != couponDonations || live != n - refunds || coupons != n - refundedFirst || keptAfterRefund > 0) {
                problems.add("rewards hand-off: " + coupons + " donor coupons (" + couponDonations + " donations, " + live + " live, "
                        + keptAfterRefund + " of refunded donations still live) for " + n + " donations, " + refunds + " refunded");
            }
            if (incomplete > 0) {
                problems.add(incomplete + " event publications still incomplete");
            }
            long redeliveries = java.util.stream.IntStream.range(0, donations.size()).filter(PaymentsDrill::redelivered).count();
            String figures = String.format("sent %d (%d payments, %d redeliveries, %d refunds), stored %d payments + %d refunds, doubled %d, lost %d;"
                    + " campaign total %,d baht as expected %s; %d receipt mails; %d events logged once each; %d donor coupons, at most one per donation"
                    + " (%d live for the %d donations not refunded; of the %d refunded: %d revoked, %d refunded before rewards issued theirs"
                    + " so none issued, %d kept); incomplete publications %d; %s",
                    n + redeliveries + refunds, n, redeliveries, refunds, donationsWithLine, refundLines, doubled, lost, raised / 100,
                    raised == paidSatang - refundedSatang ? "(yes)" : "(NO)", receipts, events, coupons, live, n - refunds, refunds, revoked, refundedFirst, keptAfterRefund,
                    incomplete, Drills.killFigures(outcome, "completed", "redelivered", "refunded"));
            return new DrillResult("payments", figures, problems, node.logs());
        }
    }
}
