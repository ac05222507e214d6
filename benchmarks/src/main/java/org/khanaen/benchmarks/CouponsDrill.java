package org.khanaen.benchmarks;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.khanaen.rewards.Audience;
import org.khanaen.rewards.OfferDraft;
import org.khanaen.rewards.Rewards;
import org.khanaen.rewards.SponsorProfile;
import org.khanaen.rewards.Sponsorships;
import org.khanaen.rewards.chain.contract.KhanaenCoupons;
import org.springframework.context.ConfigurableApplicationContext;
import org.web3j.crypto.Credentials;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * Coupons minted on a local hardhat node across a kill: {@code --coupons} coupons issued in set-up (awaiting mint: the
 * set-up application has no chain), then the node, configured with the chain (a block every 300 ms), mints them through its outbox in
 * small batches, and with them every coupon the other drills' hand-offs issue meanwhile; it is killed with SIGKILL while it
 * mints and a new node takes over. Counted afterwards, once the outbox is empty: every coupon minted, each token on
 * chain once (the contract refuses a second mint of an id, so a double shows as a reverted batch), the custody's
 * balance equal to the coupons minted and not revoked. Runs beside another drill's stream, whose progress times the
 * kill ({@code ./khanaen drill all}, or {@code drill coupons}: with the payments drill).
 */
final class CouponsDrill implements Drill {

    private final int count;
    private final Duration chainDown;
    private LocalChain chain;
    private long mintedAtKill = -1;
    private long batchesInFlightAtKill = -1;
    private LocalChain.Restart restart;
    private long chainBackAt;

    CouponsDrill(int count) {
        this(count, null);
    }

    /** @param chainDown not null: the chain node is what is killed (drill {@code chain}), down this long; the app keeps running */
    CouponsDrill(int count, Duration chainDown) {
        this.count = count;
        this.chainDown = chainDown;
    }

    @Override
    public String name() {
        return chainDown == null ? "coupons" : "chain";
    }

    /**
     * Drill {@code chain}: the hardhat node killed with SIGKILL while the node mints, its address dead for a while, then a
     * new node with the same chain (what the old one had mined; what waited in its pool is lost).
     */
    @Override
    public KillStream.Fault fault(ChildApp node) {
        if (chainDown == null) {
            return null;
        }
        return () -> {
            long at = System.nanoTime();
            restart = chain.killAndRestart(chainDown, () -> {
                beforeKill(node);
                return null;
            });
            chainBackAt = System.nanoTime();
            return new KillStream.Struck(restart.exitCode(), (chainBackAt - at) / 1e9);
        };
    }

    @Override
    public void setUp(ConfigurableApplicationContext app, String url) throws Exception {
        chain = chainDown == null ? LocalChain.start() : LocalChain.startRestartable();
        // a block every 300 ms rather than one per transaction: a batch waits for its receipt as on a real chain, so a kill
        // can find one signed and sent but not yet confirmed
        chain.mineEvery(300);
        Sponsorships sponsorships = app.getBean(Sponsorships.class);
        var sponsor = sponsorships.register("drill-coupons-sponsor", "Drill-sponsor-one-time", new SponsorProfile("ร้านซ้อม", "Drill shop", null, null, null));
        // for large gifts only: the payments drill's donations (under 5,000 baht) do not reach it
        sponsorships.addOffer(sponsor, new OfferDraft("คูปองผู้บริจาครายใหญ่", "Large donor coupon", "เงื่อนไข", "Terms", 50_00, count + 10,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)), Audience.DONORS, 10_000_00L));
        Rewards rewards = app.getBean(Rewards.class);
        int issued = 0;
        for (int i = 0; i < count; i++) {
            issued += rewards.issueForDonation("drill-coupon-" + i, 20_000_00, null, null, null);
        }
        System.out.printf("coupons drill: hardhat node at %s, contract %s; %,d coupons issued, awaiting mint%n", chain.url, chain.contract, issued);
    }

    /** Small batches, often: the node is still minting when it is killed. */
    @Override
    public List<String> nodeArguments() {
        return List.of("--khanaen.rewards.chain.rpc-url=" + chain.url, "--khanaen.rewards.chain.private-key=" + LocalChain.KEY,
                "--khanaen.rewards.chain.contract=" + chain.contract, "--khanaen.rewards.chain.batch-size=25",
                "--khanaen.rewards.chain.poll-interval=200ms");
    }

    @Override
    public List<List<KillStream.Step>> jobs(ChildApp node) {
        return List.of();
    }

    @Override
    public void beforeKill(ChildApp node) throws Exception {
        try (Connection c = node.connect(); var st = c.createStatement()) {
            mintedAtKill = DrillResult.single(st, "select count(*) from coupon where chain_state = 'MINTED'");
            batchesInFlightAtKill = DrillResult.single(st, "select count(*) from chain_batch where state = 'SIGNED'");
        }
    }

    @Override
    public DrillResult verify(String url, ChildApp node, KillStream.Outcome outcome) throws Exception {
        List<String> problems = Drills.streamProblems(outcome);
        try (Connection c = node.connect(); var st = c.createStatement()) {
            long open = 0;
            for (int i = 0; i < 240; i++) {
                open = DrillResult.single(st, "select count(*) from chain_op where state in ('PENDING', 'SENT')");
                if (open == 0) {
                    break;
                }
                Thread.sleep(500);
            }
            double drained = (System.nanoTime() - chainBackAt) / 1e9;
            long coupons = DrillResult.single(st, "select count(*) from coupon");
            long mine = DrillResult.single(st, "select count(*) from coupon where trigger_key like 'donation:drill-coupon-%'");
            long minted = DrillResult.single(st, "select count(*) from coupon where chain_state = 'MINTED'");
            long lost = DrillResult.single(st, "select count(*) from coupon where state <> 'REVOKED' and chain_state <> 'MINTED'");
            long expectedHeld = DrillResult.single(st, "select count(*) from coupon where chain_state = 'MINTED' and state <> 'REVOKED'");
            long failedOps = DrillResult.single(st, "select count(*) from chain_op where state = 'FAILED'");
            long reverted = DrillResult.single(st, "select count(*) from chain_batch where state = 'REVERTED'");
            long batches = DrillResult.single(st, "select count(*) from chain_batch where action = 'MINT'");
            List<BigInteger> tokens = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select token_id from coupon where chain_state = 'MINTED'")) {
                while (rs.next()) {
                    tokens.add(new BigInteger(rs.getString(1), 16));
                }
            }
            Credentials owner = Credentials.create(LocalChain.KEY);
            KhanaenCoupons contract = KhanaenCoupons.load(chain.contract, chain.web3j, owner,
                    new StaticGasProvider(BigInteger.ZERO, BigInteger.valueOf(30_000_000)));
            long onChain = 0;
            for (int from = 0; from < tokens.size(); from += 200) {
                for (Object m : contract.mintedOf(tokens.subList(from, Math.min(tokens.size(), from + 200))).send()) {
                    if (Boolean.TRUE.equals(m) || m instanceof org.web3j.abi.datatypes.Bool b && b.getValue()) {
                        onChain++;
                    }
                }
            }
            long held = chain.held();
            if (mine != count) {
                problems.add(mine + " of the drill's " + count + " coupons issued");
            }
            if (open > 0 || failedOps > 0) {
                problems.add("chain outbox: " + open + " operations still open, " + failedOps + " failed");
            }
            if (lost > 0 || onChain != minted) {
                problems.add(lost + " coupons never minted; " + onChain + " of " + minted + " minted coupons found on chain");
            }
            // a revoked coupon's token left on chain: its mint taken back while the minter signed a batch with it (the minter
            // now refuses a batch whose operations are not all still pending)
            long revokedButHeld = Math.max(0, held - expectedHeld);
            if (held != expectedHeld || reverted > 0) {
                problems.add("custody holds " + held + " tokens for " + expectedHeld + " minted and not revoked; " + reverted + " batches reverted");
            }
            String figures = String.format("%,d coupons (%,d issued in set-up, the rest by the other drills' hand-offs), %,d minted, lost %d,"
                    + " doubled %d (reverted batches); %,d tokens held for %,d coupons minted and live (%d revoked but still held);"
                    + " %,d mint transactions; at the kill %,d minted, %d batch(es)"
                    + " signed and in flight; outbox open %d, failed %d",
                    coupons, mine, minted, lost, reverted, held, expectedHeld, revokedButHeld, batches, mintedAtKill, batchesInFlightAtKill, open, failedOps);
            if (restart != null) {
                if (node.starts() != 1 || !node.alive()) {
                    problems.add("the node was started " + node.starts() + " time(s): it must ride out the chain's restart");
                }
                figures = String.format("chain node killed at %.1f s (exit %d), down %d s, back with its chain (%d transactions mined before kept,"
                        + " %d lost from its pool, sent again by the minter); outbox found empty %.0f s after it was back; ",
                        outcome.killAt(), restart.exitCode(), chainDown.toSeconds(), restart.kept(), restart.lost(), drained) + figures;
            }
            return new DrillResult(name(), figures, problems, node.logs());
        }
    }

    @Override
    public void close() {
        if (chain != null) {
            chain.close();
        }
    }
}
