package org.khanaen.rewards;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.khanaen.rewards.chain.contract.KhanaenCoupons;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.utils.Numeric;

/**
 * The chain through web3j and the contract's generated wrapper: calls are encoded by the wrapper, signed here with
 * EIP-155 (legacy gas price, which every EVM node accepts) and sent raw.
 */
class Web3jGateway implements ChainGateway {

    private final Web3j web3j;
    private final Credentials credentials;
    private final String contract;
    private final String custody;
    private final RewardsProperties.Chain settings;
    private final KhanaenCoupons reader;
    private volatile Long chainId;

    Web3jGateway(Web3j web3j, RewardsProperties.Chain settings) {
        this.web3j = web3j;
        this.settings = settings;
        this.credentials = Credentials.create(settings.privateKey().strip());
        this.contract = settings.contract().strip();
        this.custody = settings.custody() == null || settings.custody().isBlank() ? credentials.getAddress() : settings.custody().strip();
        this.reader = KhanaenCoupons.load(contract, web3j, new ReadonlyTransactionManager(web3j, credentials.getAddress()),
                new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
    }

    @Override
    public String sender() {
        return credentials.getAddress();
    }

    @Override
    public long pendingNonce() throws IOException {
        return web3j.ethGetTransactionCount(credentials.getAddress(), DefaultBlockParameterName.PENDING).send().getTransactionCount()
                .longValueExact();
    }

    @Override
    public Signed sign(ChainAction action, List<ChainOps.Op> ops, long nonce) {
        List<BigInteger> ids = ops.stream().map(op -> ChainGateway.tokenId(op.tokenId())).toList();
        String data = switch (action) {
            case MINT -> KhanaenCoupons.getABI_mintBatch(custody, ids);
            case REDEEM -> KhanaenCoupons.getABI_redeemBatch(ids);
            case REVOKE -> KhanaenCoupons.getABI_revokeBatch(ids);
            case TRANSFER -> KhanaenCoupons.getABI_transferFrom(custody, ops.getFirst().walletAddress(), ids.getFirst());
            case ANCHOR -> throw new IllegalArgumentException("an anchor is signed by signAnchor");
        };
        return signed(data, BigInteger.valueOf(settings.gasPerBatch() + settings.gasPerCoupon() * ops.size()), nonce);
    }

    @Override
    public Signed signAnchor(String root, long nonce) {
        // ~47k gas measured for a new root; the batch allowance leaves room
        return signed(KhanaenCoupons.getABI_anchor(RootAnchors.bytes(root)), BigInteger.valueOf(settings.gasPerBatch()), nonce);
    }

    @Override
    public long anchoredIn(String root) throws IOException {
        try {
            return reader.anchoredIn(RootAnchors.bytes(root)).send().longValueExact();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private Signed signed(String data, BigInteger gas, long nonce) {
        RawTransaction raw = RawTransaction.createTransaction(BigInteger.valueOf(nonce), gasPrice(), gas, contract, BigInteger.ZERO, data);
        byte[] signed = TransactionEncoder.signMessage(raw, chainId(), credentials);
        String hex = Numeric.toHexString(signed);
        return new Signed(Hash.sha3(hex), hex, nonce);
    }

    @Override
    public void send(Signed tx) throws IOException {
        EthSendTransaction sent = web3j.ethSendRawTransaction(tx.raw()).send();
        if (sent.hasError()) {
            String message = sent.getError().getMessage();
            // a resend of a transaction the node has already seen or mined: the receipt will tell
            if (message != null && (message.contains("already known") || message.contains("already imported")
                    || message.toLowerCase().contains("nonce too low") && receipt(tx.hash()).isPresent())) {
                return;
            }
            throw new IOException("the node refused the transaction: " + message);
        }
    }

    @Override
    public Optional<Receipt> receipt(String hash) throws IOException {
        EthGetTransactionReceipt r = web3j.ethGetTransactionReceipt(hash).send();
        if (r.hasError()) {
            throw new IOException(r.getError().getMessage());
        }
        return r.getTransactionReceipt().map(t -> new Receipt(t.isStatusOK(), t.getGasUsed().longValue(), t.getBlockNumber().longValue()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Boolean> alreadyDone(ChainAction action, List<ChainOps.Op> ops) throws IOException {
        try {
            List<BigInteger> ids = ops.stream().map(op -> ChainGateway.tokenId(op.tokenId())).toList();
            return switch (action) {
                case MINT -> ((List<Object>) reader.mintedOf(ids).send()).stream().map(b -> (Boolean) b).toList();
                case REDEEM -> {
                    List<Boolean> done = new ArrayList<>();
                    for (BigInteger id : ids) {
                        done.add(reader.redeemed(id).send());
                    }
                    yield done;
                }
                case REVOKE -> {
                    List<Boolean> done = new ArrayList<>();
                    for (BigInteger id : ids) {
                        done.add(!exists(id));
                    }
                    yield done;
                }
                case ANCHOR -> throw new IllegalArgumentException("an anchor is looked up by anchoredIn");
                case TRANSFER -> {
                    List<Boolean> done = new ArrayList<>();
                    for (int i = 0; i < ids.size(); i++) {
                        done.add(ops.get(i).walletAddress().equalsIgnoreCase(reader.ownerOf(ids.get(i)).send()));
                    }
                    yield done;
                }
            };
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private boolean exists(BigInteger id) throws Exception {
        try {
            reader.ownerOf(id).send();
            return true;
        } catch (Exception e) {
            // ownerOf reverts (ERC721NonexistentToken) for a burnt token
            if (e.getMessage() != null && e.getMessage().contains("revert")) {
                return false;
            }
            throw e;
        }
    }

    private BigInteger gasPrice() {
        try {
            return web3j.ethGasPrice().send().getGasPrice();
        } catch (IOException e) {
            throw new ChainUnavailable(e);
        }
    }

    private long chainId() {
        if (chainId == null) {
            try {
                chainId = web3j.ethChainId().send().getChainId().longValueExact();
            } catch (IOException e) {
                throw new ChainUnavailable(e);
            }
        }
        return chainId;
    }

    /** The node cannot be reached: the minter backs off and tries again. */
    static class ChainUnavailable extends RuntimeException {
        ChainUnavailable(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
