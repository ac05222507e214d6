package org.khanaen.benchmarks;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.khanaen.rewards.chain.contract.KhanaenCoupons;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * The local chain a coupon benchmark mints on: a hardhat@2 node (rewards/package.json; {@code npm ci} when missing) on
 * a free loopback port with a fresh contract, stopped at the end. Its key is hardhat's public development key #0.
 * Restartable ({@link #startRestartable}): the node sits behind a {@link ChainRelay}, and {@link #killAndRestart} kills
 * it with SIGKILL and puts a new one with the same chain in its place.
 */
final class LocalChain implements AutoCloseable {

    static final String KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    final String url;
    final String contract;
    final Web3j web3j;
    private final ChainRelay relay;
    private Process process;
    private URI node;
    private int mining;

    private LocalChain(String url, String contract, Web3j web3j, Process process, URI node, ChainRelay relay) {
        this.url = url;
        this.contract = contract;
        this.web3j = web3j;
        this.process = process;
        this.node = node;
        this.relay = relay;
    }

    static LocalChain start() throws Exception {
        return start(false);
    }

    /** A chain whose node can be killed and replaced: everyone, the deployment included, reaches it through a relay. */
    static LocalChain startRestartable() throws Exception {
        return start(true);
    }

    private static LocalChain start(boolean restartable) throws Exception {
        Node first = Node.start();
        ChainRelay relay = restartable ? new ChainRelay(freePort(), first.uri()) : null;
        String url = relay != null ? relay.url() : first.uri().toString();
        Web3j web3j = Web3j.build(new HttpService(url));
        Credentials owner = Credentials.create(KEY);
        BigInteger price = web3j.ethGasPrice().send().getGasPrice();
        String contract = KhanaenCoupons.deploy(web3j, owner, new StaticGasProvider(price, BigInteger.valueOf(6_000_000)), owner.getAddress())
                .send().getContractAddress();
        return new LocalChain(url, contract, web3j, first.process(), first.uri(), relay);
    }

    /** Hardhat's node on a free port, answering. */
    private record Node(Process process, URI uri) {

        static Node start() throws Exception {
            Path rewards = Path.of("").toAbsolutePath().resolveSibling("rewards");
            if (!Files.exists(rewards.resolve("hardhat.config.js"))) {
                rewards = Path.of("rewards").toAbsolutePath();
            }
            if (!Files.isDirectory(rewards.resolve("node_modules/hardhat"))) {
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(rewards.toFile()).inheritIO().start();
                if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                    throw new IllegalStateException("npm ci failed in " + rewards);
                }
            }
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(rewards.resolve("node_modules/.bin/hardhat").toString(), "node", "--hostname", "127.0.0.1",
                    "--port", String.valueOf(port)).directory(rewards.toFile()).redirectErrorStream(true)
                    .redirectOutput(Files.createTempFile("khanaen-bench-hardhat", ".log").toFile());
            builder.environment().put("HARDHAT_DISABLE_TELEMETRY_PROMPT", "true");
            Process process = builder.start();
            URI uri = URI.create("http://127.0.0.1:" + port);
            Web3j web3j = Web3j.build(new HttpService(uri.toString()));
            try {
                Instant until = Instant.now().plus(Duration.ofSeconds(60));
                while (true) {
                    try {
                        web3j.ethChainId().send();
                        return new Node(process, uri);
                    } catch (IOException e) {
                        if (!process.isAlive() || Instant.now().isAfter(until)) {
                            process.destroy();
                            throw new IllegalStateException("the hardhat node did not start");
                        }
                        Thread.sleep(200);
                    }
                }
            } finally {
                web3j.shutdown();
            }
        }
    }

    /** A port nothing listens on now (the system's pick), for a server of the benchmarks' own. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A block every this many milliseconds instead of one per transaction (0: back to one per transaction). */
    void mineEvery(int millis) throws IOException {
        mining = millis;
        mineEvery(url, millis);
    }

    private static void mineEvery(String at, int millis) throws IOException {
        HttpService rpc = new HttpService(at);
        call(rpc, "evm_setAutomine", millis == 0);
        if (millis > 0) {
            call(rpc, "evm_setIntervalMining", millis);
        }
    }

    private static void call(HttpService rpc, String method, Object param) throws IOException {
        VoidResponse r = new Request<>(method, List.of(param), rpc, VoidResponse.class).send();
        if (r.hasError()) {
            throw new IOException(method + ": " + r.getError().getMessage());
        }
    }

    /**
     * The node dies (SIGKILL) and a new one takes its place at the same address after {@code down}: its chain the
     * one the old node had mined (its transactions sent again, in order, into the new node), and what was still
     * waiting in the old node's pool lost, as a node that restarts loses what it had not passed on: it dies while a
     * transaction waits there if one comes within a few seconds. Meanwhile the address refuses connections.
     *
     * @param atTheKill called once the node can no longer be reached, just before it dies
     * @return the killed node's exit code (137: SIGKILL) and how many of the transactions sent were kept and lost
     */
    Restart killAndRestart(Duration down, java.util.concurrent.Callable<?> atTheKill) throws Exception {
        HttpService old = new HttpService(node.toString());
        Web3j direct = Web3j.build(old);
        // the worst moment: a transaction sent and not yet mined (a few seconds at most, else whenever)
        Instant until = Instant.now().plus(Duration.ofSeconds(5));
        while (direct.ethGetBlockTransactionCountByNumber(DefaultBlockParameterName.PENDING).send().getTransactionCount().signum() == 0
                && Instant.now().isBefore(until)) {
            Thread.sleep(5);
        }
        // no block from here, so what is mined is known exactly when the node dies
        call(old, "evm_setIntervalMining", 0);
        relay.close();
        atTheKill.call();
        List<String> mined = new ArrayList<>();
        List<String> sent = relay.sent();
        for (String raw : sent) {
            if (direct.ethGetTransactionReceipt(Hash.sha3(raw)).send().getTransactionReceipt().isPresent()) {
                mined.add(raw);
            }
        }
        direct.shutdown();
        process.destroyForcibly();
        int exit = process.waitFor();
        Thread.sleep(down.toMillis());
        Node next = Node.start();
        Web3j fresh = Web3j.build(new HttpService(next.uri().toString()));
        for (String raw : mined) { // a fresh node mines each at once
            EthSendTransaction r = fresh.ethSendRawTransaction(raw).send();
            if (r.hasError()) {
                throw new IllegalStateException("the chain could not be rebuilt on the new node: " + r.getError().getMessage());
            }
        }
        fresh.shutdown();
        mineEvery(next.uri().toString(), mining);
        process = next.process();
        node = next.uri();
        relay.open(node);
        return new Restart(exit, mined.size(), sent.size() - mined.size());
    }

    /** @param lost sent but not yet mined when the node died: gone with it */
    record Restart(int exitCode, int kept, int lost) {
    }

    /** Tokens the custody address (the key's own) holds. */
    long held() throws Exception {
        Credentials owner = Credentials.create(KEY);
        return KhanaenCoupons.load(contract, web3j, owner, new StaticGasProvider(BigInteger.ZERO, BigInteger.valueOf(30_000_000)))
                .balanceOf(owner.getAddress()).send().longValueExact();
    }

    @Override
    public void close() {
        web3j.shutdown();
        if (relay != null) {
            relay.close();
        }
        process.destroy();
    }
}
