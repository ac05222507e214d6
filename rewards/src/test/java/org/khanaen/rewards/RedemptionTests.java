package org.khanaen.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Redemption at the sponsor's counter: exactly once, only the sponsor's own, only a payload we signed. */
@SpringBootTest
class RedemptionTests {

    @Autowired Rewards rewards;
    @Autowired Sponsorships sponsorships;
    @Autowired RewardsFixture fixture;
    @Autowired JdbcClient jdbc;

    private record Issued(SponsorId sponsor, CouponView coupon, String walletToken) {
    }

    private Issued issued() {
        SponsorId sponsor = fixture.sponsor();
        long min = 1_000_000_00L + System.nanoTime() % 1_000_000;
        long offer = fixture.donorOffer(sponsor, 3, min);
        String donation = RewardsFixture.donation();
        rewards.issueForDonation(donation, min, null, null, null);
        String link = rewards.walletLink(donation);
        String token = link.substring(link.lastIndexOf('/') + 1);
        CouponView coupon = rewards.walletOfLink(token).stream().filter(c -> c.offerId() == offer).findFirst().orElseThrow();
        return new Issued(sponsor, coupon, token);
    }

    private static String problem(Runnable r) {
        try {
            r.run();
            return "redeemed";
        } catch (RewardsProblem p) {
            return p.key();
        }
    }

    @Test
    void ofAThousandConcurrentRedemptionsOfOneCouponExactlyOneSucceeds() throws Exception {
        Issued issued = issued();
        int attempts = 1_000;
        CountDownLatch start = new CountDownLatch(1);
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<Callable<Void>> scans = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            String scanned = i % 2 == 0 ? issued.coupon().pass() : issued.coupon().groupedCode(); // QR and typed by hand
            scans.add(() -> {
                start.await();
                String outcome;
                try {
                    rewards.redeem(issued.sponsor(), scanned);
                    outcome = "redeemed";
                } catch (RewardsProblem p) {
                    outcome = p.key();
                } catch (TransientDataAccessException e) {
                    outcome = "busy"; // the database gave up waiting for the row: that scan changed nothing
                }
                outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<Future<Void>> done = scans.stream().map(pool::submit).toList();
        start.countDown();
        for (Future<Void> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(outcomes.get("redeemed")).hasValue(1);
        assertThat(outcomes.keySet()).isSubsetOf("redeemed", "coupon.already-redeemed", "busy");
        assertThat(outcomes.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(attempts);
        assertThat(jdbc.sql("select count(*) from chain_op p join coupon c on c.id = p.coupon_id where c.code = ? and p.action = 'REDEEM'")
                .param(issued.coupon().code()).query(Long.class).single()).isEqualTo(1);
        assertThat(sponsorships.redemptionCount(issued.sponsor())).isEqualTo(1);
        assertThat(sponsorships.redemptions(issued.sponsor(), 10)).singleElement().satisfies(r -> assertThat(r.code()).isEqualTo(issued.coupon().code()));
    }

    @Test
    void theCounterShowsTheCouponAndItsStateAndRedeemsNothingByLooking() {
        Issued issued = issued();
        CounterCheck check = rewards.check(issued.sponsor(), issued.coupon().pass());
        assertThat(check.status()).isEqualTo(CounterCheck.Status.VALID);
        assertThat(check.redeemable()).isTrue();
        assertThat(check.coupon().code()).isEqualTo(issued.coupon().code());
        assertThat(check.coupon().termsTh()).isEqualTo(issued.coupon().termsTh());
        assertThat(check.coupon().expires()).isEqualTo(issued.coupon().expires());
        assertThat(rewards.check(issued.sponsor(), issued.coupon().groupedCode().toLowerCase()).status()).isEqualTo(CounterCheck.Status.VALID);
        assertThat(sponsorships.redemptionCount(issued.sponsor())).isZero();
        assertThat(problem(() -> rewards.check(fixture.sponsor(), issued.coupon().pass()))).isEqualTo("coupon.other-sponsor");

        Redemption redeemed = rewards.redeem(issued.sponsor(), issued.coupon().code(), "confirmation-1");
        CounterCheck after = rewards.check(issued.sponsor(), issued.coupon().pass());
        assertThat(after.status()).isEqualTo(CounterCheck.Status.REDEEMED);
        assertThat(after.redeemable()).isFalse();
        assertThat(after.coupon().redeemedAt()).isCloseTo(redeemed.redeemedAt(), within(1, ChronoUnit.SECONDS));

        Issued expiring = issued();
        jdbc.sql("update coupon set expires_at = ? where code = ?").params(java.sql.Timestamp.from(Instant.now().minusSeconds(60)),
                expiring.coupon().code()).update();
        assertThat(rewards.check(expiring.sponsor(), expiring.coupon().groupedCode()).status()).isEqualTo(CounterCheck.Status.EXPIRED);
    }

    @Test
    void theSameConfirmationSentTwiceAtOnceIsOneRedemptionAndBothAreAnsweredWithIt() throws Exception {
        Issued issued = issued();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Redemption>> taps = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            taps.add(pool.submit(() -> {
                start.await();
                return rewards.redeem(issued.sponsor(), issued.coupon().code(), "double-tap");
            }));
        }
        start.countDown();
        List<Redemption> answers = new ArrayList<>();
        for (Future<Redemption> tap : taps) {
            answers.add(tap.get());
        }
        pool.shutdown();
        assertThat(answers).allSatisfy(r -> assertThat(r.code()).isEqualTo(issued.coupon().code()));
        assertThat(sponsorships.redemptionCount(issued.sponsor())).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from chain_op p join coupon c on c.id = p.coupon_id where c.code = ? and p.action = 'REDEEM'")
                .param(issued.coupon().code()).query(Long.class).single()).isEqualTo(1);
        // another confirmation of the same coupon is refused, saying when it was used
        assertThat(problem(() -> rewards.redeem(issued.sponsor(), issued.coupon().code(), "another-confirmation")))
                .isEqualTo("coupon.already-redeemed");
        assertThat(problem(() -> rewards.redeem(issued.sponsor(), issued.coupon().code(), ""))).isEqualTo("coupon.attempt.invalid");
    }

    @Test
    void aTamperedPayloadIsRefusedAndChangesNothing() {
        Issued issued = issued();
        String pass = issued.coupon().pass();
        String[] parts = pass.split("\\.");
        String laterExpiry = parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 365 * 86_400) + "." + parts[3];
        String otherCode = parts[0] + "." + "0000111122223333" + "." + parts[2] + "." + parts[3];

        assertThat(problem(() -> rewards.redeem(issued.sponsor(), laterExpiry))).isEqualTo("coupon.pass.tampered");
        assertThat(problem(() -> rewards.redeem(issued.sponsor(), otherCode))).isEqualTo("coupon.pass.tampered");
        assertThat(problem(() -> rewards.redeem(issued.sponsor(), pass + "x"))).isEqualTo("coupon.pass.tampered");
        assertThat(rewards.walletOfLink(issued.walletToken())).filteredOn(c -> c.code().equals(issued.coupon().code()))
                .singleElement().satisfies(c -> assertThat(c.state()).isEqualTo(CouponView.State.ISSUED));
    }

    @Test
    void onlyTheOffersSponsorRedeemsAndNeverTwiceNorARevokedOne() {
        Issued issued = issued();
        assertThat(problem(() -> rewards.redeem(fixture.sponsor(), issued.coupon().pass()))).isEqualTo("coupon.other-sponsor");
        assertThat(problem(() -> rewards.redeem(issued.sponsor(), "0000-0000-0000-0000"))).isEqualTo("coupon.unknown");
        assertThat(problem(() -> rewards.redeem(issued.sponsor(), "not a coupon"))).isEqualTo("coupon.code.invalid");

        Redemption r = rewards.redeem(issued.sponsor(), issued.coupon().groupedCode().toLowerCase());
        assertThat(r.code()).isEqualTo(issued.coupon().code());
        assertThat(problem(() -> rewards.redeem(issued.sponsor(), issued.coupon().pass()))).isEqualTo("coupon.already-redeemed");

        Issued refunded = issued();
        rewards.revokeForDonation(donationOf(refunded));
        assertThat(problem(() -> rewards.redeem(refunded.sponsor(), refunded.coupon().pass()))).isEqualTo("coupon.revoked");
        // a redeemed coupon stays with a refund: the goods were given
        rewards.revokeForDonation(donationOf(issued));
        assertThat(rewards.walletOfLink(issued.walletToken())).filteredOn(c -> c.code().equals(issued.coupon().code()))
                .singleElement().satisfies(c -> assertThat(c.state()).isEqualTo(CouponView.State.REDEEMED));
    }

    @Test
    void anExpiredCouponIsRefused() {
        Issued issued = issued();
        jdbc.sql("update coupon set expires_at = ? where code = ?").params(java.sql.Timestamp.from(Instant.now().minusSeconds(60)),
                issued.coupon().code()).update();
        assertThat(problem(() -> rewards.redeem(issued.sponsor(), issued.coupon().groupedCode()))).isEqualTo("coupon.expired");
    }

    @Test
    void aHolderMayAskForTheTokenInTheirOwnWalletOnce() {
        Issued issued = issued();
        assertThatThrownBy(() -> rewards.sendToWalletOfLink(issued.walletToken(), issued.coupon().code(), "0x123"))
                .hasMessage("wallet.address.invalid");
        rewards.sendToWalletOfLink(issued.walletToken(), issued.coupon().code(), "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        assertThatThrownBy(() -> rewards.sendToWalletOfLink(issued.walletToken(), issued.coupon().code(), "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"))
                .hasMessage("wallet.already-sent");
        assertThatThrownBy(() -> rewards.sendToWalletOfLink(issued.walletToken() + "x", issued.coupon().code(), "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"))
                .hasMessage("wallet.link.invalid");
    }

    private String donationOf(Issued issued) {
        return jdbc.sql("select trigger_key from coupon where code = ?").param(issued.coupon().code()).query(String.class).single()
                .substring("donation:".length());
    }
}
