package org.khanaen.donations;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import org.khanaen.donations.CheckoutSessions.CheckoutSession;
import org.khanaen.donations.CheckoutSessions.NewCheckout;

/**
 * The campaign: its figures and messages for the public page, giving (a donation opened, the donor sent to
 * Stripe Checkout or the local payment page), the donor's return page, and moderation of messages.
 */
@Service
public class Donations {

    /** The campaign's public figures. Amounts in satang. */
    public record Campaign(long goalSatang, long raisedSatang, long donors, LocalDate deadline, boolean open, long minSatang,
            long maxSatang, List<Long> presetsSatang, boolean localPayments) {

        /** Percent of the goal, 0 to 100 (the bar stops at full even past the goal). */
        public int percent() {
            return (int) Math.clamp(raisedSatang * 100 / goalSatang, 0, 100);
        }
    }

    /** Where to send the donor: Stripe Checkout's page, or the local payment page. */
    public record Checkout(String donationToken, String redirectUrl) {
    }

    /** A donation as its donor and administrators see it. {@code receiptNumber} once it succeeded. */
    public record Donation(DonationId id, String token, long amountSatang, String status, Instant createdAt, Instant succeededAt,
            String receiptNumber, String email, String name, String message, boolean anonymous, String messageStatus,
            long refundedSatang, String problem) {

        public boolean succeeded() {
            return DonationRecords.SUCCEEDED.equals(status);
        }

        public boolean pending() {
            return DonationRecords.PENDING.equals(status);
        }
    }

    /** An approved message; {@code name} is null for an anonymous or unnamed donor. */
    public record Message(String name, String text, Instant at) {
    }

    private static final SecureRandom random = new SecureRandom();

    private final DonationRecords donations;
    private final LedgerRecords ledger;
    private final CheckoutSessions sessions;
    private final DonationsProperties properties;
    private final GiftRules rules;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Donations(DonationRecords donations, LedgerRecords ledger, CheckoutSessions sessions, DonationsProperties properties,
            TransactionTemplate transaction, ObjectProvider<Clock> clock) {
        this.donations = donations;
        this.ledger = ledger;
        this.sessions = sessions;
        this.properties = properties;
        this.rules = new GiftRules(properties.minAmount(), properties.maxAmount());
        this.transaction = transaction;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Transactional(readOnly = true)
    public Campaign campaign() {
        return new Campaign(Baht.satang(properties.goal()), ledger.raised(), donations.donors(), properties.deadline(), open(),
                Baht.satang(properties.minAmount()), Baht.satang(properties.maxAmount()),
                properties.presets().stream().map(Baht::satang).toList(), properties.stripe().local());
    }

    /**
     * Opens a donation and its checkout session. Nothing is stored for a form with mistakes
     * ({@link InvalidDonation}); if Stripe does not answer, the donation is closed as failed and the donor
     * told to try again ({@link PaymentProviderUnavailable}).
     */
    public Checkout start(DonationRequest request) {
        if (!open()) {
            throw new DonationProblem("donation.closed");
        }
        GiftRules.Gift gift = rules.check(request);
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        Instant now = clock.instant();
        long id = transaction.execute(status -> donations.insert(gift, token, now));
        DonationRecords.Row donation = donations.find(id).orElseThrow();
        CheckoutSession session;
        try {
            session = sessions.create(checkoutFor(donation));
        } catch (PaymentProviderUnavailable e) {
            transaction.executeWithoutResult(status -> {
                donations.problem(id, e.getMessage());
                donations.end(id, DonationRecords.FAILED, now);
            });
            throw e;
        }
        transaction.executeWithoutResult(status -> donations.attachSession(id, session.id()));
        return new Checkout(token, session.url());
    }

    /** The donor's own donation, by the unguessable token of their return link. */
    public Optional<Donation> byToken(String token) {
        if (token == null || !token.matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        return donations.byToken(token).map(Donations::view);
    }

    /** Approved messages, newest first. */
    public List<Message> messages(int limit) {
        return donations.messages("APPROVED", limit).stream()
                .map(d -> new Message(d.anonymous() ? null : d.name(), d.message(), d.succeededAt())).toList();
    }

    /** Messages of succeeded donations waiting for an administrator. */
    public List<Donation> messagesToModerate(int limit) {
        return donations.messages("PENDING", limit).stream().map(Donations::view).toList();
    }

    /** @return false if there was no such message to moderate */
    @Transactional
    public boolean moderate(DonationId donation, boolean approve, String by) {
        return donations.moderate(donation.value(), approve ? "APPROVED" : "REJECTED", by);
    }

    /** The latest donations, any state, for administrators. */
    public List<Donation> recent(int limit) {
        return donations.recent(limit).stream().map(Donations::view).toList();
    }

    boolean open() {
        LocalDate deadline = properties.deadline();
        return deadline == null || !LocalDate.now(clock.withZone(properties.zone())).isAfter(deadline);
    }

    /** The session for a donation, derived from its row alone, so asking again asks exactly the same. */
    NewCheckout checkoutFor(DonationRecords.Row donation) {
        return new NewCheckout(donation.donationId(), donation.amountSatang(), donation.currency(), donation.email(), donation.locale(),
                properties.link("/campaign/thanks/" + donation.token()), properties.link("/campaign?cancelled=" + donation.token()),
                donation.createdAt().plus(properties.checkoutExpiresAfter()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    private static Donation view(DonationRecords.Row d) {
        return new Donation(d.donationId(), d.token(), d.amountSatang(), d.status(), d.createdAt(), d.succeededAt(),
                d.succeeded() ? Receipts.number(d.id()) : null, d.email(), d.name(), d.message(), d.anonymous(), d.messageStatus(),
                d.refundedSatang() + d.disputeLostSatang(), d.problem());
    }
}
