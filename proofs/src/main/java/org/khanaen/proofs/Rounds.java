package org.khanaen.proofs;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.khanaen.rewards.RootAnchors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * A round of the public record, once across the cluster every {@code khanaen.proofs.every}: the reports and decisions
 * stored since the last round become leaves (their canonical text and its hash, kept), then every leaf not yet in a
 * tree goes into one new RFC 6962 tree, and its root into rewards' chain outbox, in the same transaction. So a round
 * costs one chain transaction whatever the number of reports, and nothing here runs on a report's path.
 * <p>
 * Leaves are chosen as "not in a tree yet", never by an id cursor: on Galera ids step by the node count and a report
 * may commit after one with a higher id. A round that dies midway leaves leaves outside any tree, which the next
 * round takes; two rounds at once (a lease lost to certification) cannot both place a leaf, as placing is a
 * conditional update and the round that places fewer than it read rolls back.
 */
@Component
class Rounds {

    private static final Logger log = LoggerFactory.getLogger(Rounds.class);
    private static final int PAGE = 2_000;

    private final ResultsRecords records;
    private final Leaves leaves;
    private final Trees trees;
    private final RootAnchors anchors;
    private final TransactionTemplate transaction;
    private final ProofsProperties properties;
    private final Clock clock;
    private final SweepMarks marks;

    Rounds(ResultsRecords records, Leaves leaves, Trees trees, RootAnchors anchors, PlatformTransactionManager transactions,
            ProofsProperties properties, Clock clock) {
        this.records = records;
        this.leaves = leaves;
        this.trees = trees;
        this.anchors = anchors;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
        this.marks = new SweepMarks(properties.lookBack(), properties.fullSweepEvery());
    }

    @Scheduled(fixedDelayString = "${khanaen.proofs.every:1m}", initialDelayString = "${khanaen.proofs.every:1m}")
    @SchedulerLock(name = "proofs.round", lockAtMostFor = "PT10M", lockAtLeastFor = "PT5S")
    void scheduled() {
        if (!properties.scheduled()) {
            return;
        }
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("public record round: {}", e.toString());
        }
    }

    /** One round now; the tree it made, if anything was new. */
    Optional<Trees.Tree> run() {
        return run(false);
    }

    /** One round now, its sweep from the start when {@code full} (the close of the night); the tree it made, if any. */
    synchronized Optional<Trees.Tree> run(boolean full) {
        Instant now = clock.instant();
        collect(now, full);
        return build(now);
    }

    /**
     * Sweeps the reports, then the decisions, from where {@link SweepMarks} says, each page after the last one's highest
     * id. Paging by "the first N without a leaf" restarted at the start every page, scanning the night's reports again
     * for each: the national replay's round of 200,000 entries took 699 s; a sweep reads each row once.
     */
    private void collect(Instant now, boolean full) {
        SweepMarks.Mark from = marks.start(now, full);
        long reportsTop = records.highestReportId(); // read first: what commits later is the next rounds'
        long decisionsTop = records.highestDecisionId();
        int[] budget = { properties.maxLeaves() };
        long reports = sweep(from.reports(), reportsTop, budget, now, records::reportsWithoutLeaf);
        long decisions = sweep(from.decisions(), decisionsTop, budget, now, records::decisionsWithoutLeaf);
        marks.swept(from, new SweepMarks.Mark(now, reports, decisions));
    }

    /** Gives leaves to entries after {@code after}; how far it got: {@code top} when it swept to the end, else the last id taken. */
    private long sweep(long after, long top, int[] budget, Instant now, java.util.function.BiFunction<Long, Integer, List<Entry>> withoutLeaf) {
        List<Entry> page;
        while (budget[0] > 0 && !(page = withoutLeaf.apply(after, Math.min(PAGE, budget[0]))).isEmpty()) {
            budget[0] -= page.size();
            after = page.getLast().id();
            if (leaves.add(page, now) == 0) {
                return after; // another round took them: it has its own marks, this node sweeps on from here next time
            }
        }
        return budget[0] > 0 ? Math.max(after, top) : after;
    }

    private Optional<Trees.Tree> build(Instant now) {
        List<Leaves.Leaf> open = leaves.outsideTrees(properties.maxLeaves());
        if (open.isEmpty()) {
            return Optional.empty();
        }
        MerkleTree tree = MerkleTree.of(open.stream().map(l -> MerkleTree.unhex(l.leafHash())).toList());
        String root = MerkleTree.hex(tree.root());
        Long id = transaction.execute(s -> {
            long treeId = trees.add(open.size(), root, now);
            if (leaves.placeInTree(treeId, open) != open.size()) {
                s.setRollbackOnly();
                return null;
            }
            anchors.anchor(root);
            return treeId;
        });
        if (id == null) {
            return Optional.empty();
        }
        log.info("public record: tree {} of {} entries, root {} handed to the chain outbox", id, open.size(), root);
        return Optional.of(new Trees.Tree(id, open.size(), root, now));
    }
}
