package org.khanaen.rewards;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** What the minter asks of a chain: sign locally, send, look up receipts and the contract's state. */
interface ChainGateway {

    /** A transaction signed here: its hash is known before it is sent. */
    record Signed(String hash, String raw, long nonce) {
    }

    record Receipt(boolean success, long gasUsed, long block) {
    }

    String sender();

    /** The key's next nonce as the chain sees it, pending transactions included. */
    long pendingNonce() throws IOException;

    Signed sign(ChainAction action, List<ChainOps.Op> ops, long nonce);

    /**
     * Sends a signed transaction. A node that already knows it (a resend after a crash) is not an error.
     *
     * @throws IOException when the node cannot be reached or refuses it
     */
    void send(Signed tx) throws IOException;

    Optional<Receipt> receipt(String hash) throws IOException;

    /** Whether each operation's effect is already on chain (minted, redeemed, burnt, moved). */
    List<Boolean> alreadyDone(ChainAction action, List<ChainOps.Op> ops) throws IOException;

    /** A transaction anchoring one root of the public record (hex). */
    Signed signAnchor(String root, long nonce);

    /** The block in which the contract anchored this root; 0 when it has not. */
    long anchoredIn(String root) throws IOException;

    static BigInteger tokenId(String hex) {
        return new BigInteger(hex, 16);
    }
}
