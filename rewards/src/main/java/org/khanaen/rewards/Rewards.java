package org.khanaen.rewards;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.khanaen.assignment.Tier;
import org.khanaen.platform.mail.MailComposer;
import org.khanaen.platform.mail.MailOutbox;
import org.khanaen.platform.transactions.RetryingTransactions;
import org.khanaen.volunteers.VolunteerId;
import java.util.function.Supplier;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.web3j.crypto.Hash;
import org.web3j.crypto.WalletUtils;

/**
 * The rewards module's API for coupons: issuing them (once per trigger and offer, never past an offer's quantity),
 * revoking a refunded donation's, the holders' wallets, redemption at a sponsor's counter (exactly once), and a
 * holder's request to receive the token in their own wallet. Every change that must reach the chain is queued in
 * the chain outbox in the same transaction; nothing here waits for a chain.
 */
@Service
public class Rewards {

    private static final List<Audience> SERVICE = List.of(Audience.VERIFIED_VOLUNTEERS, Audience.CONSTITUENCY_LEADS, Audience.WAR_ROOM);

    private final Offers offers;
    private final IssuedCoupons coupons;
    private final ChainOps ops;
    private final DonationRefunds refunds;
    private final CouponPasses passes;
    private final RewardsProperties properties;
    private final MailOutbox outbox;
    private final MailComposer composer;
    private final Clock clock;
    private final RetryingTransactions issuing;

    Rewards(Offers offers, IssuedCoupons coupons, ChainOps ops, DonationRefunds refunds, RewardsProperties properties, MailOutbox outbox, MailComposer composer,
            Clock clock, PlatformTransactionManager transactions) {
        this.offers = offers;
        this.coupons = coupons;
        this.ops = ops;
        this.refunds = refunds;
        this.passes = new CouponPasses(properties.passKeyBytes());
        this.properties = properties;
        this.outbox = outbox;
        this.composer = composer;
        this.clock = clock;
        // a transaction of its own, read committed (no gap locks to deadlock with the minter's updates of the outbox),
        // retried when the database picks it as a deadlock's victim all the same
        TransactionTemplate issuing = new TransactionTemplate(transactions);
        issuing.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        issuing.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.issuing = new RetryingTransactions(issuing, ATTEMPTS);
    }

    /** Five were not enough for IssuingTests' 120 issuers on 16 threads against a real MariaDB server (CI, 2026-12-07). */
    private static final int ATTEMPTS = 10;

    private <T> T retrying(Supplier<T> work) {
        return issuing.execute(s -> work.get());
    }

    /**
     * A donation succeeded: its coupons from every open donor offer it reaches, and a mail with the link to the
     * donor's wallet. Safe to call again for the same donation (nothing more is issued or mailed). A refund already
     * recorded for it counts: only what is left of the donation earns coupons (nothing after a full refund).
     *
     * @param donationRef  the donation's id in the donations module
     * @param email        where the wallet link goes (null: no mail)
     * @return how many coupons this call issued
     */
    public int issueForDonation(String donationRef, long amountSatang, String email, String name, Locale locale) {
        if (donationRef == null || donationRef.isBlank() || donationRef.length() > 150 || amountSatang <= 0) {
            throw new IllegalArgumentException("a donation needs a reference of 1 to 150 characters and a positive amount");
        }
        return retrying(() -> issueAndMail(donationRef, amountSatang, email, name, locale));
    }

    private int issueAndMail(String donationRef, long amountSatang, String email, String name, Locale locale) {
        // the donation's row lock first: a refund's revocation of the same donation waits for this commit, or this for its
        OptionalLong kept = refunds.lockForIssuing(donationRef);
        long earning = kept.isPresent() ? Math.min(amountSatang, kept.getAsLong()) : amountSatang;
        if (earning <= 0) {
            return 0;
        }
        int issued = issue(new Trigger.Donation(donationRef, earning), List.of(Audience.DONORS));
        if (issued > 0 && email != null && !email.isBlank()) {
            Locale language = locale == null ? Locale.forLanguageTag("th") : locale;
            outbox.enqueue(composer.compose("rewards-wallet", email, language,
                    Map.of("name", name == null || name.isBlank() ? email : name, "count", issued,
                            "link", walletLink(donationRef)))
                    .withDedupKey("rewards-wallet:" + donationRef));
        }
        return issued;
    }

    /**
     * A donation was refunded: its coupons that were not redeemed are withdrawn (burnt on chain once minted) and
     * their places go back to the offers. Redeemed ones stay: the goods were given. The refund is remembered, so
     * issuing for this donation that comes later issues nothing.
     *
     * @return how many coupons were revoked
     */
    public int revokeForDonation(String donationRef) {
        return revokeForDonation(donationRef, 0);
    }

    /**
     * Part of a donation was refunded: the unredeemed coupons of offers whose minimum what is left no longer reaches
     * are withdrawn; with nothing left, all of them. Remembered for issuing that comes later; of several refunds of one
     * donation, in whatever order they arrive, the one that left least counts.
     *
     * @param keptSatang what is left of the donation after its refunds
     * @return how many coupons were revoked
     */
    public int revokeForDonation(String donationRef, long keptSatang) {
        return retrying(() -> revoke(donationRef, keptSatang));
    }

    private int revoke(String donationRef, long keptSatang) {
        Instant now = clock.instant();
        long kept = refunds.lockAndRecordRefund(donationRef, keptSatang, now);
        int revoked = 0;
        for (IssuedCoupons.Row c : coupons.unredeemedOf(new Trigger.Donation(donationRef, 1).key())) {
            boolean stillEarned = kept > 0 && new Eligibility.DonorsFrom(c.minDonationSatang() == null ? 0 : c.minDonationSatang())
                    .admits(new Trigger.Donation(donationRef, kept));
            if (!stillEarned && coupons.revoke(c.id(), now)) {
                offers.giveBack(c.offerId(), 1);
                if (!ops.cancelPendingMint(c.id())) {
                    ops.enqueue(c.id(), ChainAction.REVOKE, now);
                }
                revoked++;
            }
        }
        return revoked;
    }

    /**
     * A volunteer's service in an election is complete: coupons from the open offers for their tier.
     *
     * @return how many coupons this call issued
     */
    public int issueForService(String electionId, VolunteerId volunteer, Tier tier) {
        Trigger trigger = new Trigger.Service(electionId, volunteer.value(), tier);
        int issued = retrying(() -> issue(trigger, SERVICE));
        if (issued == 0) {
            confirmHeld(trigger);
        }
        return issued;
    }

    /**
     * Nothing issued: as it should be for a station's second contest or a correction, whose reporters hold their
     * coupons already. Checked after the commit: a volunteer still without the coupon of an offer for them that has
     * places left is an error, so the delivery fails loudly and its publication stays incomplete, to be handed again
     * ({@code EventRedelivery}), instead of ending quietly (the rehearsal of 2026-12-08: one volunteer of 545 got none,
     * with no error logged and no publication left).
     *
     * @throws IllegalStateException naming the offers the volunteer holds no coupon of
     */
    void confirmHeld(Trigger trigger) {
        List<Long> missing = offers.open(SERVICE, clock.instant()).stream()
                .filter(o -> o.eligibility().admits(trigger) && !coupons.exists(trigger.key(), o.id())).map(Offers.Open::id).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(trigger.key() + " holds no coupon of the open offers " + missing + " after issuing");
        }
    }

    /** Whether any offer for volunteers, leads or war-room staff may still issue. */
    public boolean anyOpenServiceOffer() {
        return !offers.open(SERVICE, clock.instant()).isEmpty();
    }

    private int issue(Trigger trigger, List<Audience> audiences) {
        Instant now = clock.instant();
        int issued = 0;
        for (Offers.Open offer : offers.open(audiences, now)) {
            if (offer.eligibility().admits(trigger) && issue(trigger, offer, now)) {
                issued++;
            }
        }
        return issued;
    }

    /**
     * A place of the offer first (its row lock, taken before the coupon's insert checks the offer as its foreign key,
     * so two issuers never hold shared locks they both want to upgrade), then the coupon, whose unique key answers
     * "issued before?" even when the same trigger arrives twice at once; the place goes back if it was.
     */
    private boolean issue(Trigger trigger, Offers.Open offer, Instant now) {
        if (coupons.exists(trigger.key(), offer.id()) || !offers.take(offer.id(), now)) {
            return false;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            String code = CouponPasses.newCode();
            switch (coupons.insert(code, offer.id(), trigger, tokenId(code), offer.validTo(), now)) {
                case IssuedCoupons.Insertion.Issued issued -> {
                    ops.enqueue(issued.id(), ChainAction.MINT, now);
                    return true;
                }
                case IssuedCoupons.Insertion.AlreadyIssued already -> {
                    offers.giveBack(offer.id(), 1);
                    return false;
                }
                case IssuedCoupons.Insertion.CodeTaken taken -> {
                    // the random code was taken (1 in 2^80): draw another
                }
            }
        }
        throw new IllegalStateException("could not draw a free coupon code");
    }

    /** The token id on chain: keccak256 of the coupon's code, so every retry names the same token. */
    static String tokenId(String code) {
        return Hash.sha3String("khanaen-coupon:" + code).substring(2);
    }

    /** The link in the donor's mail: signed, so it shows only that donation's coupons. */
    public String walletLink(String donationRef) {
        return properties.link("/wallet/" + passes.walletToken(donationRef));
    }

    public List<CouponView> walletOf(VolunteerId volunteer) {
        return coupons.ofHolder(Holders.volunteer(volunteer.value()), passes);
    }

    /** @throws RewardsProblem {@code wallet.link.invalid} for a link that was altered */
    public List<CouponView> walletOfLink(String walletToken) {
        return coupons.ofHolder(Holders.donation(passes.donationOf(walletToken)), passes);
    }

    /** One coupon of the volunteer's, for its QR code. */
    public Optional<CouponView> couponOf(VolunteerId volunteer, String code) {
        return walletOf(volunteer).stream().filter(c -> c.code().equals(code)).findFirst();
    }

    public Optional<CouponView> couponOfLink(String walletToken, String code) {
        return walletOfLink(walletToken).stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** The holder asks for the token in their own wallet (an Ethereum address); it moves once minted. */
    @Transactional
    public void sendToWallet(VolunteerId volunteer, String code, String address) {
        sendToWallet(Holders.volunteer(volunteer.value()), code, address);
    }

    @Transactional
    public void sendToWalletOfLink(String walletToken, String code, String address) {
        sendToWallet(Holders.donation(passes.donationOf(walletToken)), code, address);
    }

    private void sendToWallet(String holder, String code, String address) {
        String to = address == null ? "" : address.strip();
        if (!WalletUtils.isValidAddress(to) || !to.startsWith("0x") || to.equals("0x0000000000000000000000000000000000000000")) {
            throw new RewardsProblem("wallet.address.invalid");
        }
        IssuedCoupons.Row c = coupons.byCode(code).filter(r -> r.holder().equals(holder))
                .orElseThrow(() -> new RewardsProblem("coupon.unknown"));
        if (c.state() == CouponView.State.REVOKED) {
            throw new RewardsProblem("coupon.revoked");
        }
        if (!coupons.setWallet(c.id(), to.toLowerCase(Locale.ROOT))) {
            throw new RewardsProblem("wallet.already-sent");
        }
        ops.enqueue(c.id(), ChainAction.TRANSFER, clock.instant());
    }

    /**
     * What the counter shows when a code is scanned or typed, before anything happens: the coupon's terms and whether
     * it can be redeemed now (valid, already used and when, expired, not yet valid, withdrawn).
     *
     * @throws RewardsProblem for what is not one of this sponsor's coupons: {@code coupon.pass.tampered},
     *                        {@code coupon.code.invalid}, {@code coupon.unknown}, {@code coupon.other-sponsor}
     */
    @Transactional(readOnly = true)
    public CounterCheck check(SponsorId sponsor, String scannedOrTyped) {
        Instant now = clock.instant();
        IssuedCoupons.Row c = ownCoupon(sponsor, scannedOrTyped);
        CouponView coupon = coupons.view(c.code(), passes).orElseThrow(() -> new RewardsProblem("coupon.unknown"));
        return new CounterCheck(coupon, CounterCheck.of(c.state(), c.validFrom(), c.expires(), now));
    }

    /**
     * Redeems a coupon from its scanned QR payload or its code typed by hand, as one fresh attempt (no confirmation
     * step: tools and tests).
     *
     * @see #redeem(SponsorId, String, String)
     */
    @Transactional
    public Redemption redeem(SponsorId sponsor, String scannedOrTyped) {
        return redeem(sponsor, scannedOrTyped, java.util.UUID.randomUUID().toString());
    }

    /**
     * Redeems a coupon once the counter confirmed it. Of any number of attempts on one coupon at the same moment exactly
     * one succeeds: the change is one conditional update. The same confirmation sent again (a double tap, a resent
     * form: the same {@code attempt}) answers with that redemption, not with a refusal.
     *
     * @param attempt the confirmation's key, 1 to 36 characters, made when the counter showed the coupon
     * @throws RewardsProblem with the reason: {@code coupon.pass.tampered}, {@code coupon.code.invalid},
     *                        {@code coupon.unknown}, {@code coupon.other-sponsor}, {@code coupon.already-redeemed},
     *                        {@code coupon.revoked}, {@code coupon.not-yet-valid}, {@code coupon.expired},
     *                        {@code coupon.attempt.invalid}
     */
    @Transactional
    public Redemption redeem(SponsorId sponsor, String scannedOrTyped, String attempt) {
        if (attempt == null || attempt.isBlank() || attempt.length() > 36) {
            throw new RewardsProblem("coupon.attempt.invalid");
        }
        Instant now = clock.instant();
        IssuedCoupons.Row c = ownCoupon(sponsor, scannedOrTyped);
        if (c.state() == CouponView.State.REDEEMED && attempt.equals(c.redeemAttempt())) {
            return redemption(c, c.redeemedAt()); // this very confirmation, sent again
        }
        switch (c.state()) {
            case REDEEMED -> throw new RewardsProblem("coupon.already-redeemed", c.redeemedAt());
            case REVOKED -> throw new RewardsProblem("coupon.revoked");
            case ISSUED -> { }
        }
        if (now.isBefore(c.validFrom())) {
            throw new RewardsProblem("coupon.not-yet-valid", c.validFrom());
        }
        if (!now.isBefore(c.expires())) {
            throw new RewardsProblem("coupon.expired");
        }
        if (!coupons.redeem(c.id(), sponsor.value(), attempt, now)) {
            // another scan of the same coupon won the update a moment ago, or this confirmation's twin did
            IssuedCoupons.Row won = coupons.byCodeCommitted(c.code()).orElseThrow();
            if (attempt.equals(won.redeemAttempt())) {
                return redemption(won, won.redeemedAt());
            }
            throw new RewardsProblem("coupon.already-redeemed", won.redeemedAt() == null ? now : won.redeemedAt());
        }
        ops.enqueue(c.id(), ChainAction.REDEEM, now);
        return redemption(c, now);
    }

    private Redemption redemption(IssuedCoupons.Row c, Instant at) {
        OfferView offer = offers.find(c.offerId()).orElseThrow();
        return new Redemption(c.code(), CouponPasses.grouped(c.code()), offer.titleTh(), offer.titleEn(), offer.valueSatang(), at);
    }

    /** The coupon a scanned payload or typed code names, if it is one of this sponsor's. */
    private IssuedCoupons.Row ownCoupon(SponsorId sponsor, String scannedOrTyped) {
        String code = switch (passes.read(scannedOrTyped)) {
            case CouponPasses.Reading.Pass p -> p.code();
            case CouponPasses.Reading.Code c -> c.code();
        };
        IssuedCoupons.Row c = coupons.byCode(code).orElseThrow(() -> new RewardsProblem("coupon.unknown"));
        if (c.sponsorId() != sponsor.value()) {
            throw new RewardsProblem("coupon.other-sponsor");
        }
        return c;
    }

    /** How far the chain outbox is: coupons awaiting mint and minted, transactions used. */
    public ChainStatus chainStatus() {
        return new ChainStatus(properties.chain().enabled(), ops.count(ChainAction.MINT, "PENDING") + ops.count(ChainAction.MINT, "SENT"),
                ops.count(ChainAction.MINT, "DONE"));
    }

    /** @param configured whether a chain is configured at all */
    public record ChainStatus(boolean configured, long awaitingMint, long minted) {
    }
}
