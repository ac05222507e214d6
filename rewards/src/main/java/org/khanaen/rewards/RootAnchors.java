package org.khanaen.rewards;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * Anchors 32-byte roots on chain through the coupons' outbox (same key, same nonce sequence, same crash safety): the
 * public record's Merkle roots. Queued in the caller's transaction, sent by the minter once a chain is configured;
 * until then a root is "not yet anchored".
 */
@Service
public class RootAnchors {

    /**
     * @param anchored whether the root is in a block; {@code txHash} may be null for a root found on chain when the
     *                 transaction that wrote it was settled after a crash
     */
    public record Anchor(String root, boolean anchored, String txHash, Long block, Instant anchoredAt) {
    }

    private final ChainAnchors anchors;
    private final RewardsProperties properties;
    private final Clock clock;

    RootAnchors(ChainAnchors anchors, RewardsProperties properties, Clock clock) {
        this.anchors = anchors;
        this.properties = properties;
        this.clock = clock;
    }

    /** Queues a root (lower-case hex of 32 bytes) once; a root queued before is left as it is. */
    public void anchor(String root) {
        if (root == null || !root.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a root is 32 bytes in lower-case hex");
        }
        anchors.enqueue(root, clock.instant());
    }

    /** Where each of these roots stands; a root never queued is left out. */
    public Map<String, Anchor> of(Collection<String> roots) {
        Map<String, Anchor> found = new LinkedHashMap<>();
        for (ChainAnchors.Row r : anchors.of(roots)) {
            found.put(r.root(), new Anchor(r.root(), "DONE".equals(r.state()), r.txHash(), r.block(), r.anchoredAt()));
        }
        return found;
    }

    /** The contract that holds the roots ({@code anchoredIn(bytes32)}), when a chain is configured. */
    public Optional<String> contract() {
        return properties.chain().enabled() ? Optional.of(properties.chain().contract().strip()) : Optional.empty();
    }

    static byte[] bytes(String root) {
        return HexFormat.of().parseHex(root);
    }
}
