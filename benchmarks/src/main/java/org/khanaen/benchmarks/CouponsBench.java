package org.khanaen.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.khanaen.rewards.Audience;
import org.khanaen.rewards.OfferDraft;
import org.khanaen.rewards.Rewards;
import org.khanaen.rewards.SponsorId;
import org.khanaen.rewards.SponsorProfile;
import org.khanaen.rewards.Sponsorships;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Coupons issued and minted on a local hardhat node: --offers donor offers, then --coupons / --offers donations
 * through the app's own issuing path on --threads threads, each earning one coupon of every offer, while the app's
 * scheduled minter works the chain outbox in batches of --batch. Timed from the first donation until the last coupon
 * is minted; the transactions, their gas and the tokens on chain are counted afterwards.
 */
final class CouponsBench {

    private final Server server;
    private final int coupons;
    private final int offers;
    private final int threads;
    private final int batch;

    CouponsBench(Server server, int coupons, int offers, int threads, int batch) {
        this.server = server;
        this.coupons = coupons;
        this.offers = offers;
        this.threads = threads;
        this.batch = batch;
    }

    void run() throws Exception {
        PhysicalReference reference = server.describeAndMeasure();
        String url = server.freshSchema("bench_coupons");
        try (LocalChain chain = LocalChain.start();
             var app = server.startApp(url, "--khanaen.rewards.chain.rpc-url=" + chain.url,
                     "--khanaen.rewards.chain.private-key=" + LocalChain.KEY, "--khanaen.rewards.chain.contract=" + chain.contract,
                     "--khanaen.rewards.chain.batch-size=" + batch, "--khanaen.rewards.chain.poll-interval=200ms")) {
            System.out.printf("chain: hardhat node at %s, contract %s, batches of %d%n", chain.url, chain.contract, batch);
            Sponsorships sponsorships = app.getBean(Sponsorships.class);
            Rewards rewards = app.getBean(Rewards.class);
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            SponsorId sponsor = sponsorships.register("bench-sponsor", "Bench-sponsor-one-time", new SponsorProfile("ร้านทดสอบ", "Bench shop", null, null, null));
            int donations = coupons / offers;
            for (int i = 0; i < offers; i++) {
                sponsorships.addOffer(sponsor, new OfferDraft("คูปอง " + i, "Coupon " + i, "เงื่อนไข", "Terms", 100_00, donations,
                        Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)), Audience.DONORS, null));
            }

            long start = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Integer>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(pool.submit(() -> {
                    int issued = 0;
                    for (int d; (d = next.getAndIncrement()) < donations; ) {
                        issued += rewards.issueForDonation("bench-" + d, 500_00, null, null, null);
                    }
                    return issued;
                }));
            }
            int issued = 0;
            for (Future<Integer> f : work) {
                issued += f.get();
            }
            pool.shutdown();
            double issuing = seconds(start);
            System.out.printf("issued %,d coupons for %,d donations in %.1f s (%,.0f coupons/s)%n", issued, donations, issuing, issued / issuing);

            Rewards.ChainStatus status;
            while ((status = rewards.chainStatus()).awaitingMint() > 0) {
                Thread.sleep(200);
            }
            double total = seconds(start);
            var batches = jdbc.sql("""
                    select count(*), coalesce(sum(state = 'CONFIRMED'), 0), coalesce(sum(gas_used), 0), coalesce(max(gas_used), 0),
                      coalesce(sum(size), 0) from chain_batch where action = 'MINT'""")
                    .query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5) }).single();
            long onChain = chain.held();
            long mintedRows = jdbc.sql("select count(*) from coupon where chain_state = 'MINTED' and mint_tx is not null").query(Long.class).single();
            System.out.printf("minted: %,d coupons in the database, %,d tokens on chain; %,d transactions (%,d confirmed), gas %,d in all, %,.0f per coupon, %,d in the largest batch%n",
                    status.minted(), onChain, batches[0], batches[1], batches[2], (double) batches[2] / Math.max(1, batches[4]), batches[3]);
            System.out.printf("%n| %s | coupons issued and minted on the local chain (hardhat@2), %,d coupons | **%.1f s** (issuing %.1f s alongside) | %,d transactions, batches of %d, %,.0f gas per coupon | %,d tokens on chain, %,d coupons minted with their tx | raw JDBC %,.0f rows/s batched, %,.0f rows/s per-row commit |%n",
                    java.time.LocalDate.now(), issued, total, issuing, batches[0], batch, (double) batches[2] / Math.max(1, batches[4]), onChain,
                    mintedRows, reference.batchedRowsPerSecond(), reference.perRowCommitsPerSecond());
        } finally {
            server.drop(url);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
