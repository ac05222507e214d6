package org.khanaen.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.khanaen.assignment.Tier;
import org.khanaen.rewards.chain.contract.KhanaenCoupons;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The chain outbox against a real hardhat node: batches, exactly one mint per coupon through crashes at every step,
 * redemptions, revocations and transfers recorded on chain. Skipped only where node and npm are missing.
 */
@SpringBootTest(properties = { "khanaen.rewards.chain.scheduled=false", "khanaen.rewards.chain.batch-size=200", "khanaen.rewards.chain.lease=1s",
        "khanaen.rewards.chain.receipt-timeout=3s" })
class ChainTests {

    @Autowired Minter minter;
    @Autowired Rewards rewards;
    @Autowired RewardsFixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired ChainGateway gateway;
    @Autowired ChainOps ops;
    @Autowired ChainBatches batches;
    @Autowired IssuedCoupons coupons;
    @Autowired MinterLease lease;
    @Autowired org.springframework.transaction.PlatformTransactionManager transactionManager;
    @Autowired Clock clock;
    @Autowired RewardsProperties properties;
    @Autowired ChainAnchors anchors;
    @Autowired RootAnchors rootAnchors;

    /** Skipped where node and npm are missing, except in CI (CI=true), which installs them: there a missing node fails. */
    @BeforeAll
    static void needsNode() {
        assumeTrue(HardhatNode.available() || "true".equals(System.getenv("CI")),
                "node and npm are not installed: the chain tests need a hardhat node");
    }

    @DynamicPropertySource
    static void chain(DynamicPropertyRegistry registry) {
        if (HardhatNode.available() || "true".equals(System.getenv("CI"))) {
            registry.add("khanaen.rewards.chain.rpc-url", () -> HardhatNode.shared().url);
            registry.add("khanaen.rewards.chain.private-key", () -> HardhatNode.KEY);
            registry.add("khanaen.rewards.chain.contract", () -> HardhatNode.shared().contract);
        }
    }

    /** Volunteers whose service is complete, each with a coupon of a new offer (and of any other open one). */
    private record Served(long offer, List<VolunteerId> people) {
    }

    private Served servedVolunteers(int n) {
        SponsorId sponsor = fixture.sponsor();
        long offer = fixture.offer(sponsor, Audience.VERIFIED_VOLUNTEERS, 100_000);
        long base = 20_000_000 + System.nanoTime() % 1_000_000 * 1_000;
        List<VolunteerId> people = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            VolunteerId v = new VolunteerId(base + i);
            rewards.issueForService("th-2566", v, Tier.STATION);
            people.add(v);
        }
        return new Served(offer, people);
    }

    private List<CouponView> couponsOf(Served served) {
        return served.people().stream().flatMap(v -> rewards.walletOf(v).stream()).filter(c -> c.offerId() == served.offer()).toList();
    }

    private List<String> tokenIds(Served served) {
        return couponsOf(served).stream().map(CouponView::tokenId).toList();
    }

    /** The crashed minter's lease (1 s here, 30 s by default) runs out before another may send. */
    private static void leaseRunsOut() throws InterruptedException {
        Thread.sleep(1_100);
    }

    /** How often each token id was minted: Transfer events from the zero address on the contract. */
    private Map<String, Integer> mintsOnChain() throws Exception {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, HardhatNode.shared().contract);
        filter.addSingleTopic(EventEncoder.encode(KhanaenCoupons.TRANSFER_EVENT));
        filter.addSingleTopic("0x" + "0".repeat(64));
        Map<String, Integer> mints = new HashMap<>();
        for (EthLog.LogResult<?> r : HardhatNode.shared().web3j.ethGetLogs(filter).send().getLogs()) {
            Log log = (Log) r.get();
            mints.merge(log.getTopics().get(3).substring(2), 1, Integer::sum);
        }
        return mints;
    }

    private Minter freshMinter() {
        return new Minter(gateway, ops, batches, coupons, lease, anchors, Minter.transactions(transactionManager), clock, properties.chain());
    }

    private void drain(Minter m) throws InterruptedException {
        leaseRunsOut();
        while (pendingMints() > 0) {
            m.run();
        }
    }

    private long pendingMints() {
        return jdbc.sql("select count(*) from chain_op where action = 'MINT' and state <> 'DONE'").query(Long.class).single();
    }

    private static String randomRoot() {
        byte[] root = new byte[32];
        new java.security.SecureRandom().nextBytes(root);
        return java.util.HexFormat.of().formatHex(root);
    }

    private long anchorTransactions() {
        return jdbc.sql("select count(*) from chain_batch where action = 'ANCHOR'").query(Long.class).single();
    }

    /** How often the contract logged each root as anchored: its Anchored events. */
    private Map<String, Integer> anchorsOnChain() throws Exception {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, HardhatNode.shared().contract);
        filter.addSingleTopic(EventEncoder.encode(KhanaenCoupons.ANCHORED_EVENT));
        Map<String, Integer> roots = new HashMap<>();
        for (EthLog.LogResult<?> r : HardhatNode.shared().web3j.ethGetLogs(filter).send().getLogs()) {
            roots.merge(((Log) r.get()).getTopics().get(1).substring(2), 1, Integer::sum);
        }
        return roots;
    }

    private void drainAnchors(Minter m) throws InterruptedException {
        leaseRunsOut();
        while (jdbc.sql("select count(*) from chain_anchor where state <> 'DONE'").query(Long.class).single() > 0) {
            m.run();
        }
    }

    @Test
    void aRootIsAnchoredOnceInATransactionOfItsOwnAndItsBlockIsKept() throws Exception {
        drain(minter);
        drainAnchors(minter);
        String root = randomRoot();
        long before = anchorTransactions();
        rootAnchors.anchor(root);
        rootAnchors.anchor(root); // queued twice: one anchoring
        assertThat(rootAnchors.of(List.of(root)).get(root).anchored()).as("not yet anchored").isFalse();

        drainAnchors(minter);

        RootAnchors.Anchor anchor = rootAnchors.of(List.of(root)).get(root);
        assertThat(anchor.anchored()).isTrue();
        assertThat(anchor.txHash()).startsWith("0x");
        assertThat(HardhatNode.shared().reader(HardhatNode.shared().contract).anchoredIn(java.util.HexFormat.of().parseHex(root)).send())
                .isEqualTo(BigInteger.valueOf(anchor.block()));
        assertThat(anchorTransactions() - before).isEqualTo(1);
        assertThat(anchorsOnChain().get(root)).isEqualTo(1);
    }

    @Test
    void aCrashAtAnyStepOfAnAnchoringStillAnchorsTheRootExactlyOnce() throws Exception {
        for (Minter.Step step : Minter.Step.values()) {
            drain(minter);
            drainAnchors(minter);
            String root = randomRoot();
            rootAnchors.anchor(root);
            Minter crashing = freshMinter();
            crashing.crashWith((at, batch) -> {
                if (at == step) {
                    throw new IllegalStateException("killed at " + at);
                }
            });
            leaseRunsOut();
            assertThatThrownBy(crashing::run).hasMessage("killed at " + step);

            drainAnchors(freshMinter());

            assertThat(rootAnchors.of(List.of(root)).get(root).anchored()).as("crash at " + step).isTrue();
            assertThat(anchorsOnChain().get(root)).as("crash at " + step).isEqualTo(1);
        }
    }

    @Test
    void anAnchoringWhoseTransactionVanishedIsLookedUpInTheContractAndWrittenOnce() throws Exception {
        drain(minter);
        drainAnchors(minter);
        String root = randomRoot();
        rootAnchors.anchor(root);
        Minter crashing = freshMinter();
        crashing.crashWith((at, batch) -> {
            if (at == Minter.Step.SIGNED) {
                jdbc.sql("update chain_batch set raw_tx = null, created_at = created_at - interval 1 hour where id = ?").param(batch).update();
                throw new IllegalStateException("killed");
            }
        });
        leaseRunsOut();
        assertThatThrownBy(crashing::run).hasMessage("killed");
        // the dropped transaction's root goes back in the queue, due again after its back-off
        jdbc.sql("update chain_anchor set next_attempt_at = next_attempt_at - interval 1 hour where root = ?").param(root).update();
        Minter restarted = freshMinter();
        leaseRunsOut();
        restarted.run();
        jdbc.sql("update chain_anchor set next_attempt_at = next_attempt_at - interval 1 hour where root = ?").param(root).update();
        drainAnchors(restarted);

        assertThat(jdbc.sql("select count(*) from chain_batch where action = 'ANCHOR' and state = 'DROPPED'").query(Long.class).single()).isPositive();
        assertThat(rootAnchors.of(List.of(root)).get(root).anchored()).isTrue();
        assertThat(anchorsOnChain().get(root)).isEqualTo(1);
    }

    @Test
    void couponsAreMintedInBatchesEachTokenOnce() throws Exception {
        drain(minter);
        Served people = servedVolunteers(450);
        long before = jdbc.sql("select count(*) from chain_batch where action = 'MINT' and state = 'CONFIRMED'").query(Long.class).single();
        long due = pendingMints(); // 450, and as many again for each other open offer of the earlier tests
        int expected = (int) ((due + 199) / 200);

        assertThat(minter.run()).isEqualTo(expected); // in batches of 200

        assertThat(jdbc.sql("select count(*) from chain_batch where action = 'MINT' and state = 'CONFIRMED'").query(Long.class).single() - before)
                .isEqualTo(expected);
        assertThat(couponsOf(people)).hasSize(450).allSatisfy(c -> {
            assertThat(c.chainState()).isEqualTo(CouponView.ChainState.MINTED);
            assertThat(c.mintTx()).startsWith("0x");
        });
        Map<String, Integer> mints = mintsOnChain();
        assertThat(tokenIds(people)).allSatisfy(id -> assertThat(mints.get(id)).isEqualTo(1));
        // nothing left: a second round sends nothing
        assertThat(minter.run()).isZero();
    }

    @Test
    void aCrashAtAnyStepOfABatchStillMintsEveryCouponExactlyOnce() throws Exception {
        for (Minter.Step step : Minter.Step.values()) {
            drain(minter);
            Served people = servedVolunteers(250);
            Minter crashing = freshMinter();
            crashing.crashWith((at, batch) -> {
                if (at == step) {
                    throw new IllegalStateException("killed at " + at);
                }
            });
            leaseRunsOut();
            assertThatThrownBy(crashing::run).hasMessage("killed at " + step);

            // "restart": a new minter with nothing in memory, once the dead one's lease has run out
            drain(freshMinter());

            Map<String, Integer> mints = mintsOnChain();
            assertThat(tokenIds(people)).as("crash at " + step).hasSize(250).allSatisfy(id -> assertThat(mints.get(id)).isEqualTo(1));
            assertThat(couponsOf(people))
                    .allSatisfy(c -> assertThat(c.chainState()).isEqualTo(CouponView.ChainState.MINTED));
        }
    }

    /** A refund's revocation takes back a mint after the minter read it, while it signs the batch: that token is never minted. */
    @Test
    void aMintTakenBackWhileItsBatchIsSignedIsNotSent() throws Exception {
        drain(minter);
        Served people = servedVolunteers(30);
        List<ChainOps.Op> takenBack = new java.util.ArrayList<>();
        ChainGateway racing = new ChainGateway() {
            @Override public String sender() { return gateway.sender(); }
            @Override public long pendingNonce() throws java.io.IOException { return gateway.pendingNonce(); }
            @Override public Signed sign(ChainAction action, List<ChainOps.Op> due, long nonce) {
                if (takenBack.isEmpty() && action == ChainAction.MINT) {
                    ChainOps.Op last = due.getLast();
                    assertThat(ops.cancelPendingMint(last.couponId())).isTrue(); // committed by the revocation meanwhile
                    takenBack.add(last);
                }
                return gateway.sign(action, due, nonce);
            }
            @Override public void send(Signed tx) throws java.io.IOException { gateway.send(tx); }
            @Override public java.util.Optional<Receipt> receipt(String hash) throws java.io.IOException { return gateway.receipt(hash); }
            @Override public List<Boolean> alreadyDone(ChainAction action, List<ChainOps.Op> due) throws java.io.IOException {
                return gateway.alreadyDone(action, due);
            }
            @Override public Signed signAnchor(String root, long nonce) { return gateway.signAnchor(root, nonce); }
            @Override public long anchoredIn(String root) throws java.io.IOException { return gateway.anchoredIn(root); }
        };
        leaseRunsOut();
        drain(new Minter(racing, ops, batches, coupons, lease, Minter.transactions(transactionManager), clock, properties.chain()));

        assertThat(takenBack).hasSize(1);
        Map<String, Integer> mints = mintsOnChain();
        assertThat(mints).doesNotContainKey(takenBack.getFirst().tokenId());
        assertThat(tokenIds(people)).filteredOn(id -> !id.equals(takenBack.getFirst().tokenId())).hasSize(29)
                .allSatisfy(id -> assertThat(mints.get(id)).isEqualTo(1));
    }

    @Test
    void aBatchWhoseTransactionVanishedIsCheckedAgainstTheChainAndMintedOnce() throws Exception {
        drain(minter);
        Served people = servedVolunteers(50);
        Minter crashing = freshMinter();
        crashing.crashWith((at, batch) -> {
            if (at == Minter.Step.SIGNED) {
                // the signed transaction is lost and its nonce goes to nothing: as if the node dropped it
                jdbc.sql("update chain_batch set raw_tx = null, created_at = created_at - interval 1 hour where id = ?").param(batch).update();
                throw new IllegalStateException("killed");
            }
        });
        leaseRunsOut();
        assertThatThrownBy(crashing::run).hasMessage("killed");

        drain(freshMinter());

        assertThat(jdbc.sql("select count(*) from chain_batch where state = 'DROPPED'").query(Long.class).single()).isPositive();
        Map<String, Integer> mints = mintsOnChain();
        assertThat(tokenIds(people)).allSatisfy(id -> assertThat(mints.get(id)).isEqualTo(1));
    }

    @Test
    void redemptionsRevocationsAndTransfersReachTheChain() throws Exception {
        drain(minter);
        SponsorId sponsor = fixture.sponsor();
        fixture.donorOffer(sponsor, 10, 6_543_210_00L);
        String kept = RewardsFixture.donation();
        String refunded = RewardsFixture.donation();
        rewards.issueForDonation(kept, 6_543_210_00L, null, null, null);
        int refundedCoupons = rewards.issueForDonation(refunded, 6_543_210_00L, null, null, null); // and other tests' open offers'
        drain(minter);
        String keptToken = rewards.walletOfLink(walletToken(kept)).stream().filter(c -> c.state() == CouponView.State.ISSUED)
                .findFirst().orElseThrow().tokenId();
        CouponView keptCoupon = rewards.walletOfLink(walletToken(kept)).stream().filter(c -> c.tokenId().equals(keptToken)).findFirst().orElseThrow();
        String refundedToken = rewards.walletOfLink(walletToken(refunded)).getFirst().tokenId();

        rewards.redeem(sponsor, keptCoupon.pass());
        String address = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8"; // hardhat's account #1
        rewards.sendToWalletOfLink(walletToken(kept), keptCoupon.code(), address);
        assertThat(rewards.revokeForDonation(refunded)).isEqualTo(refundedCoupons);
        minter.run();

        KhanaenCoupons contract = HardhatNode.shared().reader(HardhatNode.shared().contract);
        assertThat(contract.redeemed(new BigInteger(keptToken, 16)).send()).isTrue();
        assertThat(contract.ownerOf(new BigInteger(keptToken, 16)).send()).isEqualToIgnoringCase(address);
        assertThatThrownBy(() -> contract.ownerOf(new BigInteger(refundedToken, 16)).send()).hasMessageContaining("revert");
        assertThat(contract.mintedOf(List.of(new BigInteger(refundedToken, 16))).send()).containsExactly(true);
        assertThat(jdbc.sql("select count(*) from chain_op where state <> 'DONE'").query(Long.class).single()).isZero();
        assertThat(new Address(address).toString()).isEqualTo(address);
    }

    private String walletToken(String donationRef) {
        String link = rewards.walletLink(donationRef);
        return link.substring(link.lastIndexOf('/') + 1);
    }
}
