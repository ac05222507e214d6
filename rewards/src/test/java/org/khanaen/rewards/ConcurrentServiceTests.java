package org.khanaen.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.khanaen.assignment.Tier;
import org.khanaen.results.StationContestVerified;
import org.khanaen.results.StationContestsVerified;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A station's two contests verified a moment apart (two transactions, two events) name the same reporter: the two
 * deliveries issue for the same volunteer at once. Exactly one coupon each, and the offer's places agree with the
 * coupons issued (none taken and kept, none given back twice). The rehearsal of 2026-12-08 ended with one volunteer of
 * 545 without a coupon; these did not reproduce it (3,000 deliveries for 1,000 volunteers on 24 threads:
 * {@code -Drounds=1000 -Ddeliveries=3 -Dthreads=24}), they guard what issuing promises.
 */
@SpringBootTest
class ConcurrentServiceTests {

    @Autowired Rewards rewards;
    @Autowired Sponsorships sponsorships;
    @Autowired RewardsFixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationEventPublisher events;
    @Autowired PlatformTransactionManager transactions;

    private final List<long[]> opened = new ArrayList<>();

    /** An offer for station volunteers, closed after the test: every open one issues to every later test's volunteers. */
    private long offer(int quantity) {
        SponsorId sponsor = fixture.sponsor();
        long offer = fixture.offer(sponsor, Audience.VERIFIED_VOLUNTEERS, quantity);
        opened.add(new long[] { sponsor.value(), offer });
        return offer;
    }

    @AfterEach
    void closeOffers() {
        opened.forEach(o -> sponsorships.closeOffer(new SponsorId(o[0]), o[1]));
        opened.clear();
    }

    private long coupons(long offer, String triggerKey) {
        return jdbc.sql("select count(*) from coupon where offer_id = ? and trigger_key = ?").params(offer, triggerKey).query(Long.class).single();
    }

    private long issuedOn(long offer) {
        return jdbc.sql("select count(*) from coupon where offer_id = ? and state <> 'REVOKED'").param(offer).query(Long.class).single();
    }

    private long remaining(long offer) {
        return jdbc.sql("select sum(remaining) from coupon_offer_slot where offer_id = ?").param(offer).query(Long.class).single();
    }

    @Test
    void theSameVolunteersServiceIssuedFromSeveralDeliveriesAtOnceGetsExactlyOneCoupon() throws Exception {
        long offer = offer(5_000);
        String election = "race-" + System.nanoTime();
        int rounds = Integer.getInteger("rounds", 150);
        int deliveries = Integer.getInteger("deliveries", 4);
        ExecutorService pool = Executors.newFixedThreadPool(Integer.getInteger("threads", 16));
        try {
            List<Future<Integer>> results = new ArrayList<>();
            // several volunteers at once, each from several deliveries that start together
            for (int round = 0; round < rounds; round++) {
                VolunteerId volunteer = new VolunteerId(1_000 + round);
                CyclicBarrier together = new CyclicBarrier(deliveries);
                for (int d = 0; d < deliveries; d++) {
                    Callable<Integer> delivery = () -> {
                        together.await();
                        return rewards.issueForService(election, volunteer, Tier.STATION);
                    };
                    results.add(pool.submit(delivery));
                }
            }
            for (Future<Integer> f : results) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        List<Long> missing = new ArrayList<>();
        List<Long> doubled = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long n = coupons(offer, "service:" + election + ":" + (1_000 + round));
            if (n == 0) {
                missing.add(1_000L + round);
            } else if (n > 1) {
                doubled.add(1_000L + round);
            }
        }
        assertThat(missing).as("volunteers without a coupon").isEmpty();
        assertThat(doubled).as("volunteers with more than one").isEmpty();
        assertThat(issuedOn(offer)).isEqualTo(rounds);
        assertThat(remaining(offer)).isEqualTo(5_000 - rounds);
    }

    @Test
    void aStationsTwoContestsVerifiedInTwoTransactionsIssueOneCouponToTheirReporter() throws Exception {
        long offer = offer(5_000);
        String election = "race-" + System.nanoTime();
        int stations = 150;
        TransactionTemplate tx = new TransactionTemplate(transactions);
        ExecutorService verifiers = Executors.newFixedThreadPool(2);
        try {
            for (int s = 0; s < stations; s++) {
                VolunteerId reporter = new VolunteerId(2_000 + s);
                int station = 2_000 + s;
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<?>> both = new ArrayList<>();
                for (String contest : List.of("party-list", "constituency")) {
                    both.add(verifiers.submit(() -> {
                        together.await();
                        tx.executeWithoutResult(t -> events.publishEvent(new StationContestsVerified(List.of(new StationContestVerified(
                                election, station, 1, contest, 1, Map.of(1, 10L), 10, 0, 0, 10, "AGREEMENT", List.of(reporter), Instant.now())))));
                        return null;
                    }));
                }
                for (Future<?> f : both) {
                    f.get();
                }
            }
        } finally {
            verifiers.shutdown();
        }
        // every delivery done: this test's publications all completed
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (incomplete(election) > 0 && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        assertThat(incomplete(election)).isZero();
        List<Long> missing = new ArrayList<>();
        for (int s = 0; s < stations; s++) {
            if (coupons(offer, "service:" + election + ":" + (2_000 + s)) != 1) {
                missing.add(2_000L + s);
            }
        }
        assertThat(missing).as("reporters without exactly one coupon").isEmpty();
        assertThat(remaining(offer)).isEqualTo(5_000 - issuedOn(offer));
    }

    @Autowired org.springframework.modulith.events.core.EventSerializer serializer;

    @Test
    void theEventAsStoredForRedeliveryStillNamesItsReporters() {
        StationContestsVerified event = new StationContestsVerified(List.of(new StationContestVerified("th-2566", 16557, 1, "party-list", 1,
                Map.of(1, 10L), 10, 0, 0, 10, "APPROVED", List.of(new VolunteerId(593)), Instant.now())));
        Object stored = serializer.serialize(event);
        assertThat(serializer.deserialize(stored, StationContestsVerified.class)).isEqualTo(event);
    }

    @Autowired org.springframework.context.ApplicationContext context;
    @Autowired IssuedCoupons issued;

    @Test
    void aDuplicateCouponIsToldApartFromATakenCode() {
        long offer = offer(10);
        Trigger trigger = new Trigger.Service("race-" + System.nanoTime(), 3_001, Tier.STATION);
        Instant now = Instant.now();
        String code = CouponPasses.newCode();
        assertThat(issued.insert(code, offer, trigger, Rewards.tokenId(code), now.plus(Duration.ofDays(1)), now))
                .isInstanceOf(IssuedCoupons.Insertion.Issued.class);
        String another = CouponPasses.newCode();
        assertThat(issued.insert(another, offer, trigger, Rewards.tokenId(another), now.plus(Duration.ofDays(1)), now))
                .isInstanceOf(IssuedCoupons.Insertion.AlreadyIssued.class);
        Trigger other = new Trigger.Service("race-" + System.nanoTime(), 3_002, Tier.STATION);
        assertThat(issued.insert(code, offer, other, Rewards.tokenId(code), now.plus(Duration.ofDays(1)), now))
                .isInstanceOf(IssuedCoupons.Insertion.CodeTaken.class);
    }

    @Test
    void aVolunteerLeftWithoutTheCouponOfAnOpenOfferFailsTheDeliveryInsteadOfEndingQuietly() {
        long offer = offer(10);
        String election = "race-" + System.nanoTime();
        Trigger trigger = new Trigger.Service(election, 3_000, Tier.STATION);
        // as the rehearsal's volunteer 593 was left: an offer for them with places, and no coupon
        assertThatThrownBy(() -> rewards.confirmHeld(trigger)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(String.valueOf(offer));

        assertThat(rewards.issueForService(election, new VolunteerId(3_000), Tier.STATION)).isGreaterThanOrEqualTo(1);
        rewards.confirmHeld(trigger);
        // the station's second contest: nothing more, and no error
        assertThat(rewards.issueForService(election, new VolunteerId(3_000), Tier.STATION)).isZero();
        assertThat(coupons(offer, trigger.key())).isEqualTo(1);
    }

    /**
     * The listener's publication is completed only once issuing returned (the registry's interceptor runs on the async
     * thread, inside {@code @Async}): were it outside, a publication would be completed as the task is handed over and a
     * failed issuing never delivered again.
     */
    @Test
    void theListenersPublicationIsCompletedOnTheAsyncThreadAfterIssuing() {
        Object listener = context.getBean(ResultsListener.class);
        assertThat(listener).isInstanceOf(org.springframework.aop.framework.Advised.class);
        List<String> chain = java.util.Arrays.stream(((org.springframework.aop.framework.Advised) listener).getAdvisors())
                .map(a -> a.getAdvice().getClass().getName()).toList();
        int async = indexOf(chain, "AsyncExecutionInterceptor");
        int completion = indexOf(chain, "CompletionRegisteringMethodInterceptor");
        assertThat(async).isNotNegative();
        assertThat(completion).isGreaterThan(async);
    }

    private static int indexOf(List<String> names, String simpleName) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).endsWith(simpleName)) {
                return i;
            }
        }
        return -1;
    }

    private long incomplete(String election) {
        return jdbc.sql("select count(*) from event_publication where completion_date is null and serialized_event like ?")
                .param("%" + election + "%").query(Long.class).single();
    }
}
