package org.khanaen.rewards;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works off the chain outbox, one batch per transaction. Each transaction is signed here and stored (hash, nonce,
 * signed bytes) together with its operations before it is sent; only then is it sent, and its receipt settles it.
 * After a crash at any point the next minter (this node restarted, or another once the lease ran out) first sends
 * the stored transactions again (the same hash, so never a second mint) and settles them from their receipts. A
 * transaction that never makes it (dropped, its nonce taken) is settled by asking the contract which of its
 * coupons exist; and the contract refuses any token id minted before, so nothing is ever minted twice.
 * <p>
 * The public record's roots ({@link ChainAnchors}) go the same way, one transaction per root, after the coupons' work
 * of the round; a root whose transaction vanished is looked up in the contract, which never anchors a root twice.
 * <p>
 * One node at a time holds the lease and with it the key's nonce sequence; nonces are counted here, read from the
 * chain once per lease and again after any error.
 */
class Minter {

    private static final Logger log = LoggerFactory.getLogger(Minter.class);

    /** Test hook: where a simulated crash happens. */
    enum Step { SIGNED, SENT, RECEIPT }

    interface Crash {
        void at(Step step, long batchId);
    }

    private final ChainGateway chain;
    private final ChainOps ops;
    private final ChainBatches batches;
    private final IssuedCoupons coupons;
    private final MinterLease lease;
    private final ChainAnchors anchors;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final RewardsProperties.Chain settings;
    private final String holder = "minter-" + UUID.randomUUID();
    private Long nextNonce;
    private volatile Crash crash = (step, batch) -> { };

    Minter(ChainGateway chain, ChainOps ops, ChainBatches batches, IssuedCoupons coupons, MinterLease lease,
            TransactionTemplate transaction, Clock clock, RewardsProperties.Chain settings) {
        this(chain, ops, batches, coupons, lease, null, transaction, clock, settings);
    }

    Minter(ChainGateway chain, ChainOps ops, ChainBatches batches, IssuedCoupons coupons, MinterLease lease, ChainAnchors anchors,
            TransactionTemplate transaction, Clock clock, RewardsProperties.Chain settings) {
        this.anchors = anchors;
        this.chain = chain;
        this.ops = ops;
        this.batches = batches;
        this.coupons = coupons;
        this.lease = lease;
        this.transaction = transaction;
        this.clock = clock;
        this.settings = settings;
    }

    /** The minter's transactions: read committed, so its outbox updates take no gap locks (see {@link Rewards}). */
    static TransactionTemplate transactions(PlatformTransactionManager manager) {
        TransactionTemplate t = new TransactionTemplate(manager);
        t.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        return t;
    }

    void crashWith(Crash crash) {
        this.crash = crash;
    }

    /** For a scheduler: errors are logged, and the next round tries again. */
    void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            nextNonce = null;
            log.warn("chain outbox: {}", e.getMessage());
        }
    }

    /**
     * One round: settle what was sent, then send everything that is due.
     *
     * @return how many transactions this round sent
     */
    synchronized int run() {
        if (!holdLease()) {
            nextNonce = null;
            return 0;
        }
        try {
            settleOpen();
            int sent = 0;
            for (ChainAction action : ChainAction.values()) {
                if (action == ChainAction.ANCHOR) {
                    continue;
                }
                int size = action == ChainAction.TRANSFER ? 1 : settings.batchSize();
                List<ChainOps.Op> due;
                while (!(due = ops.due(action, size, clock.instant())).isEmpty()) {
                    if (!holdLease()) {
                        return sent;
                    }
                    send(action, due);
                    sent++;
                }
            }
            List<ChainAnchors.Due> roots;
            while (anchors != null && !(roots = anchors.due(1, clock.instant())).isEmpty()) {
                if (!holdLease()) {
                    return sent;
                }
                anchor(roots.getFirst());
                sent++;
            }
            return sent;
        } catch (IOException e) {
            nextNonce = null;
            throw new Web3jGateway.ChainUnavailable(e);
        }
    }

    void release() {
        lease.release(holder);
    }

    private boolean holdLease() {
        Boolean held = transaction.execute(s -> lease.hold(holder, settings.lease()));
        return Boolean.TRUE.equals(held);
    }

    private void send(ChainAction action, List<ChainOps.Op> due) throws IOException {
        if (nextNonce == null) {
            nextNonce = chain.pendingNonce();
        }
        // one was taken back after it was read (a refund revoked its coupon): this transaction would still mint it, so
        // nothing is stored or sent; the next round signs what is still due (its nonce is unused)
        dispatch(action, due.size(), chain.sign(action, due, nextNonce),
                batch -> ops.sent(due.stream().map(ChainOps.Op::id).toList(), batch) == due.size());
    }

    private void anchor(ChainAnchors.Due root) throws IOException {
        if (nextNonce == null) {
            nextNonce = chain.pendingNonce();
        }
        dispatch(ChainAction.ANCHOR, 1, chain.signAnchor(root.root(), nextNonce), batch -> anchors.sent(root.id(), batch));
    }

    /**
     * Stores the signed transaction with what it carries ({@code claim}: false when any of it is no longer due, and
     * then nothing is stored or sent), sends it and settles it from its receipt.
     */
    private void dispatch(ChainAction action, int size, ChainGateway.Signed tx, java.util.function.LongPredicate claim) throws IOException {
        Long batchId = transaction.execute(s -> {
            long id = batches.signed(action, size, tx.hash(), tx.raw(), tx.nonce(), chain.sender(), clock.instant());
            if (!claim.test(id)) {
                s.setRollbackOnly();
                return null;
            }
            return id;
        });
        if (batchId == null) {
            return;
        }
        nextNonce++;
        crash.at(Step.SIGNED, batchId);
        try {
            chain.send(tx);
        } catch (IOException e) {
            // stays SIGNED: the next round sends it again or, once it is old, asks the chain what became of it
            nextNonce = null;
            throw e;
        }
        transaction.executeWithoutResult(s -> batches.sentAt(batchId, clock.instant()));
        crash.at(Step.SENT, batchId);
        Optional<ChainGateway.Receipt> receipt = awaitReceipt(tx.hash(), settings.receiptTimeout());
        crash.at(Step.RECEIPT, batchId);
        if (receipt.isPresent()) {
            settle(batchId, action, tx.hash(), receipt.get());
        }
    }

    /** Transactions stored but not settled (a crash, a slow chain): the same transaction again, then its receipt. */
    private void settleOpen() throws IOException {
        for (ChainBatches.Open open : batches.open()) {
            Optional<ChainGateway.Receipt> receipt = chain.receipt(open.txHash());
            if (receipt.isEmpty() && open.rawTx() != null) {
                try {
                    chain.send(new ChainGateway.Signed(open.txHash(), open.rawTx(), open.nonce()));
                    receipt = awaitReceipt(open.txHash(), Duration.ofSeconds(5));
                } catch (IOException e) {
                    log.info("chain outbox: batch {} could not be sent again: {}", open.id(), e.getMessage());
                }
            }
            if (receipt.isPresent()) {
                settle(open.id(), open.action(), open.txHash(), receipt.get());
            } else if (open.createdAt().plus(settings.receiptTimeout()).isBefore(clock.instant())) {
                reconcile(open.id(), open.action(), "DROPPED", "no receipt after " + settings.receiptTimeout());
            }
        }
        nextNonce = null; // whatever went out meanwhile, the chain's count is right from here
    }

    private void settle(long batchId, ChainAction action, String hash, ChainGateway.Receipt receipt) throws IOException {
        if (!receipt.success()) {
            reconcile(batchId, action, "REVERTED", "reverted in block " + receipt.block());
            return;
        }
        if (action == ChainAction.ANCHOR) {
            transaction.executeWithoutResult(s -> {
                batches.settle(batchId, "CONFIRMED", receipt.gasUsed(), receipt.block(), null, clock.instant());
                anchors.anchored(batchId, hash, receipt.block(), clock.instant());
            });
            return;
        }
        transaction.executeWithoutResult(s -> {
            List<ChainOps.Op> sent = ops.ofBatch(batchId);
            batches.settle(batchId, "CONFIRMED", receipt.gasUsed(), receipt.block(), null, clock.instant());
            done(action, sent, hash);
        });
    }

    /** The transaction failed or vanished: what the chain already shows is done, the rest goes back in the queue. */
    private void reconcile(long batchId, ChainAction action, String state, String why) throws IOException {
        if (action == ChainAction.ANCHOR) {
            reconcileAnchor(batchId, state, why);
            return;
        }
        List<ChainOps.Op> sent = ops.ofBatch(batchId);
        List<Boolean> onChain = sent.isEmpty() ? List.of() : chain.alreadyDone(action, sent);
        List<ChainOps.Op> done = new ArrayList<>();
        List<ChainOps.Op> again = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            (onChain.get(i) ? done : again).add(sent.get(i));
        }
        log.info("chain outbox: batch {} {} ({}): {} already on chain, {} queued again", batchId, state, why, done.size(), again.size());
        transaction.executeWithoutResult(s -> {
            batches.settle(batchId, state, null, null, why, clock.instant());
            done(action, done, null);
            ops.retryLater(again, why, clock.instant());
        });
    }

    /** An anchoring that failed or vanished: anchored already (by this or an earlier transaction), or queued again. */
    private void reconcileAnchor(long batchId, String state, String why) throws IOException {
        Optional<ChainAnchors.Due> root = anchors.ofBatch(batchId);
        long block = root.isEmpty() ? 0 : chain.anchoredIn(root.get().root());
        log.info("chain outbox: anchoring batch {} {} ({}): {}", batchId, state, why, block > 0 ? "anchored in block " + block : "queued again");
        transaction.executeWithoutResult(s -> {
            batches.settle(batchId, state, null, null, why, clock.instant());
            if (block > 0) {
                anchors.anchored(batchId, null, block, clock.instant());
            } else {
                root.ifPresent(r -> anchors.retryLater(r, why, clock.instant()));
            }
        });
    }

    private void done(ChainAction action, List<ChainOps.Op> done, String hash) {
        ops.done(done.stream().map(ChainOps.Op::id).toList());
        if (action == ChainAction.MINT) {
            coupons.minted(done.stream().map(ChainOps.Op::couponId).toList(), hash, clock.instant());
        }
    }

    private Optional<ChainGateway.Receipt> awaitReceipt(String hash, Duration timeout) throws IOException {
        Instant until = Instant.now().plus(timeout);
        long pause = 10;
        while (true) {
            Optional<ChainGateway.Receipt> receipt = chain.receipt(hash);
            if (receipt.isPresent() || Instant.now().isAfter(until)) {
                return receipt;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            pause = Math.min(pause * 2, 1_000);
        }
    }
}
