package org.khanaen.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.Tier;
import org.khanaen.results.StationContestVerified;
import org.khanaen.results.StationContestsVerified;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;

/** Issuing: once per trigger and offer, never past the quantity, revoked with a refund; the triggers from other modules. */
@SpringBootTest
@EnableScenarios
class IssuingTests {

    @Autowired Rewards rewards;
    @Autowired Sponsorships sponsorships;
    @Autowired RewardsFixture fixture;
    @Autowired JdbcClient jdbc;

    private long coupons(String triggerKey) {
        return jdbc.sql("select count(*) from coupon where trigger_key = ? and state <> 'REVOKED'").param(triggerKey).query(Long.class).single();
    }

    private long mintsQueued(String triggerKey) {
        return jdbc.sql("select count(*) from chain_op p join coupon c on c.id = p.coupon_id where c.trigger_key = ? and p.action = 'MINT'")
                .param(triggerKey).query(Long.class).single();
    }

    private OfferView find(long id) {
        return jdbc.sql("select sponsor_id from coupon_offer where id = ?").param(id).query(Long.class).optional()
                .flatMap(s -> sponsorships.offers(new SponsorId(s)).stream().filter(o -> o.id() == id).findFirst()).orElseThrow();
    }

    @Test
    void aDonationGetsOneCouponPerEligibleOfferHoweverOftenItArrives() {
        SponsorId sponsor = fixture.sponsor();
        long any = fixture.donorOffer(sponsor, 10, 0);
        long from1000 = fixture.donorOffer(sponsor, 10, 1_000_00);
        String donation = RewardsFixture.donation();

        assertThat(rewards.issueForDonation(donation, 500_00, "donor@example.org", "ผู้บริจาค", Locale.forLanguageTag("th"))).isGreaterThanOrEqualTo(1);
        assertThat(rewards.issueForDonation(donation, 500_00, "donor@example.org", "ผู้บริจาค", null)).isZero();

        assertThat(jdbc.sql("select offer_id from coupon where trigger_key = ?").param("donation:" + donation).query(Long.class).list())
                .contains(any).doesNotContain(from1000);
        assertThat(find(any).remaining()).isEqualTo(9);
        assertThat(find(from1000).remaining()).isEqualTo(10);
        assertThat(mintsQueued("donation:" + donation)).isEqualTo(coupons("donation:" + donation));
        assertThat(jdbc.sql("select count(*) from mail_outbox where dedup_key = ?").param("rewards-wallet:" + donation).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void concurrentTriggersNeverGoPastTheQuantity() throws Exception {
        SponsorId sponsor = fixture.sponsor();
        long offer = fixture.donorOffer(sponsor, 25, 9_999_999_00L); // only these donations reach it
        List<Callable<Integer>> donations = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 120; i++) {
            String ref = RewardsFixture.donation();
            donations.add(() -> {
                start.await();
                return rewards.issueForDonation(ref, 9_999_999_00L, null, null, null);
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> results = donations.stream().map(pool::submit).toList();
        start.countDown();
        int issued = 0;
        for (Future<Integer> f : results) {
            issued += f.get();
        }
        pool.shutdown();
        assertThat(jdbc.sql("select count(*) from coupon where offer_id = ?").param(offer).query(Long.class).single()).isEqualTo(25);
        assertThat(find(offer).remaining()).isZero();
        assertThat(issued).isGreaterThanOrEqualTo(25);
    }

    @Test
    void aRefundRevokesTheUnredeemedCouponsAndGivesTheirPlacesBack() {
        SponsorId sponsor = fixture.sponsor();
        long offer = fixture.donorOffer(sponsor, 5, 8_888_888_00L);
        String donation = RewardsFixture.donation();
        int issued = rewards.issueForDonation(donation, 8_888_888_00L, null, null, null); // this offer's and any other open one's
        assertThat(find(offer).remaining()).isEqualTo(4);

        assertThat(rewards.revokeForDonation(donation)).isEqualTo(issued);
        assertThat(rewards.revokeForDonation(donation)).isZero();

        assertThat(find(offer).remaining()).isEqualTo(5);
        assertThat(jdbc.sql("select state from coupon where offer_id = ?").param(offer).query(String.class).single()).isEqualTo("REVOKED");
        // never minted: its mint is simply dropped, nothing to burn
        assertThat(mintsQueued("donation:" + donation)).isZero();
    }

    @Test
    void aRefundProcessedBeforeTheCouponsAreIssuedIsRememberedAndTheLaterIssuingRespectsIt() {
        SponsorId sponsor = fixture.sponsor();
        long base = 6_000_000_00L + System.nanoTime() % 1_000_000;
        long small = fixture.donorOffer(sponsor, 10, base);
        long large = fixture.donorOffer(sponsor, 10, base + 1_000_00);

        // refunded in full before its success was handled: nothing is ever issued, no wallet mail
        String refunded = RewardsFixture.donation();
        assertThat(rewards.revokeForDonation(refunded)).isZero();
        assertThat(rewards.issueForDonation(refunded, base + 1_000_00, "donor@example.org", null, null)).isZero();
        assertThat(coupons("donation:" + refunded)).isZero();
        assertThat(jdbc.sql("select count(*) from mail_outbox where dedup_key = ?").param("rewards-wallet:" + refunded)
                .query(Long.class).single()).isZero();

        // 1,000 baht of it back first: what is left still reaches the smaller offer, not the larger one
        String partly = RewardsFixture.donation();
        assertThat(rewards.revokeForDonation(partly, base)).isZero();
        assertThat(rewards.issueForDonation(partly, base + 1_000_00, null, null, null)).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select offer_id from coupon where trigger_key = ?").param("donation:" + partly).query(Long.class).list())
                .contains(small).doesNotContain(large);

        // a later refund of the rest is remembered over the partial one, whichever is delivered last
        String both = RewardsFixture.donation();
        rewards.revokeForDonation(both, 0);
        rewards.revokeForDonation(both, base);
        assertThat(rewards.issueForDonation(both, base + 1_000_00, null, null, null)).isZero();
        assertThat(find(small).remaining()).isEqualTo(9);
        assertThat(find(large).remaining()).isEqualTo(10);
    }

    @Test
    void aRefundAndTheDonationsIssuingAtTheSameMomentLeaveNoCouponOfTheRefundedDonation() throws Exception {
        SponsorId sponsor = fixture.sponsor();
        long amount = 4_000_000_00L + System.nanoTime() % 1_000_000;
        long offer = fixture.donorOffer(sponsor, 200, amount);
        List<String> refs = new ArrayList<>();
        List<Callable<Integer>> work = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 60; i++) {
            String ref = RewardsFixture.donation();
            refs.add(ref);
            work.add(() -> {
                start.await();
                return rewards.issueForDonation(ref, amount, null, null, null);
            });
            work.add(() -> {
                start.await();
                return rewards.revokeForDonation(ref);
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> results = work.stream().map(pool::submit).toList();
        start.countDown();
        for (Future<Integer> f : results) {
            f.get();
        }
        pool.shutdown();
        // whichever ran first, every one of these donations was refunded in full: none keeps a coupon, every place is back
        assertThat(refs).allSatisfy(ref -> assertThat(coupons("donation:" + ref)).as(ref).isZero());
        assertThat(find(offer).remaining()).isEqualTo(200);
        assertThat(jdbc.sql("""
                select count(*) from coupon c join chain_op p on p.coupon_id = c.id
                where c.offer_id = ? and p.action = 'MINT'""").param(offer).query(Long.class).single()).isZero();
    }

    @Test
    void aClosedOrExpiredOfferIssuesNothing() {
        SponsorId sponsor = fixture.sponsor();
        long closed = fixture.donorOffer(sponsor, 5, 7_777_777_00L);
        sponsorships.closeOffer(sponsor, closed);
        rewards.issueForDonation(RewardsFixture.donation(), 7_777_777_00L, null, null, null);
        assertThat(find(closed).issued()).isZero();
        assertThatThrownBy(() -> sponsorships.closeOffer(fixture.sponsor(), closed)).isInstanceOf(RewardsProblem.class)
                .hasMessage("offer.unknown");
    }

    @Test
    void badOffersAreRefusedWithTheirReason() {
        SponsorId sponsor = fixture.sponsor();
        OfferDraft d = fixture.draft(Audience.DONORS, 10, null);
        Map<String, OfferDraft> bad = Map.of(
                "offer.quantity.invalid", new OfferDraft(d.titleTh(), d.titleEn(), d.termsTh(), d.termsEn(), d.valueSatang(), 0, d.validFrom(), d.validTo(), d.audience(), null),
                "offer.validity.invalid", new OfferDraft(d.titleTh(), d.titleEn(), d.termsTh(), d.termsEn(), d.valueSatang(), 5, d.validTo(), d.validFrom(), d.audience(), null),
                "offer.title.invalid", new OfferDraft(" ", d.titleEn(), d.termsTh(), d.termsEn(), d.valueSatang(), 5, d.validFrom(), d.validTo(), d.audience(), null),
                "offer.min-donation.invalid", new OfferDraft(d.titleTh(), d.titleEn(), d.termsTh(), d.termsEn(), d.valueSatang(), 5, d.validFrom(), d.validTo(), Audience.WAR_ROOM, 100L));
        bad.forEach((key, draft) -> assertThatThrownBy(() -> sponsorships.addOffer(sponsor, draft)).hasMessage(key));
        assertThat(sponsorships.offers(sponsor)).isEmpty();
    }

    @Test
    void aVerifiedStationCountIssuesToItsReportersOnceWhateverCorrectionsFollow(Scenario scenario) {
        SponsorId sponsor = fixture.sponsor();
        long offer = fixture.offer(sponsor, Audience.VERIFIED_VOLUNTEERS, 1_000);
        VolunteerId reporter = new VolunteerId(9_000_000 + System.nanoTime() % 1_000_000);
        StationContestsVerified first = verified(reporter, 1);

        scenario.publish(first).andWaitForStateChange(() -> coupons("service:th-2566:" + reporter.value()), n -> n > 0)
                .andVerify(n -> assertThat(n).isEqualTo(1));
        // this test's own publications only: another test may leave one of its own incomplete on purpose
        scenario.publish(verified(reporter, 2)).andWaitForStateChange(() -> jdbc.sql(
                "select count(*) from event_publication where completion_date is null and serialized_event like ?")
                .param("%" + reporter.value() + "%").query(Long.class).single(), n -> n == 0);

        assertThat(coupons("service:th-2566:" + reporter.value())).isEqualTo(1);
        assertThat(rewards.walletOf(reporter)).singleElement().satisfies(c -> {
            assertThat(c.offerId()).isEqualTo(offer);
            assertThat(c.chainState()).isEqualTo(CouponView.ChainState.AWAITING);
            assertThat(c.pass()).startsWith("KHN1." + c.code() + ".");
        });
        // a station volunteers' offer is not for war-room staff
        VolunteerId staff = new VolunteerId(reporter.value() + 1_000_000);
        rewards.issueForService("th-2566", staff, Tier.WAR_ROOM);
        assertThat(rewards.walletOf(staff)).noneMatch(c -> c.offerId() == offer);
    }

    private static StationContestsVerified verified(VolunteerId reporter, int version) {
        return new StationContestsVerified(List.of(new StationContestVerified("th-2566", 1, 1, "constituency", version, Map.of(1, 10L),
                10, 0, 0, 10, "AGREEMENT", List.of(reporter), Instant.now())));
    }

    @Test
    void theDonationsEventsIssueTheDonorsCouponsAndAPartialRefundWithdrawsWhatItNoLongerEarns(Scenario scenario) {
        SponsorId sponsor = fixture.sponsor();
        long base = 5_000_000_00L + System.nanoTime() % 1_000_000;
        long small = fixture.donorOffer(sponsor, 10, base);
        long large = fixture.donorOffer(sponsor, 10, base + 1_000_00);
        long id = 900_000_000L + System.nanoTime() % 100_000_000;
        String key = "donation:" + id;
        var donation = new org.khanaen.donations.DonationId(id);

        scenario.publish(new org.khanaen.donations.DonationSucceeded(donation, base + 1_000_00, "thb", "giver@example.org", "ผู้ให้", false,
                Instant.now(), java.util.Locale.ENGLISH)).andWaitForStateChange(() -> coupons(key), n -> n > 0);
        assertThat(jdbc.sql("select offer_id from coupon where trigger_key = ?").param(key).query(Long.class).list()).contains(small, large);
        // the wallet's mail in the language the donor gave in
        assertThat(jdbc.sql("select subject from mail_outbox where dedup_key = ?").param("rewards-wallet:" + id).query(String.class).single())
                .isEqualTo("Your thank-you coupons from Khanaen");

        // 500 baht back: what is left still earns the smaller offer, not the larger one
        scenario.publish(new org.khanaen.donations.DonationRefunded(donation, 500_00, 500_00, base + 1_000_00, "thb", "giver@example.org", false,
                org.khanaen.donations.DonationRefunded.Reason.REFUND, Instant.now()))
                .andWaitForStateChange(() -> jdbc.sql("select state from coupon where trigger_key = ? and offer_id = ?").params(key, large)
                        .query(String.class).single(), "REVOKED"::equals);
        assertThat(jdbc.sql("select state from coupon where trigger_key = ? and offer_id = ?").params(key, small).query(String.class).single())
                .isEqualTo("ISSUED");
        assertThat(find(large).remaining()).isEqualTo(10);
    }

    @Test
    void aWarRoomOfferGoesToWarRoomStaffOnly() {
        SponsorId sponsor = fixture.sponsor();
        fixture.offer(sponsor, Audience.WAR_ROOM, 10);
        VolunteerId staff = new VolunteerId(8_000_000 + System.nanoTime() % 1_000_000);
        assertThat(rewards.issueForService("th-2566", staff, Tier.WAR_ROOM)).isGreaterThanOrEqualTo(1);
        assertThat(rewards.walletOf(staff)).allSatisfy(c -> assertThat(c.expires()).isAfter(Instant.now().plus(Duration.ofDays(29))));
    }
}
