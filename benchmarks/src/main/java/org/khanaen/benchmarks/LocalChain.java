package org.khanaen.benchmarks;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.khanaen.rewards.chain.contract.KhanaenCoupons;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * The local chain a coupon benchmark mints on: a hardhat@2 node (rewards/package.json; {@code npm ci} when missing) on
 * a free loopback port with a fresh contract, stopped at the end. Its key is hardhat's public development key #0.
 */
final class LocalChain implements AutoCloseable {

    static final String KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    final String url;
    final String contract;
    final Web3j web3j;
    private final Process process;

    private LocalChain(String url, String contract, Web3j web3j, Process process) {
        this.url = url;
        this.contract = contract;
        this.web3j = web3j;
        this.process = process;
    }

    static LocalChain start() throws Exception {
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
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(rewards.resolve("node_modules/.bin/hardhat").toString(), "node", "--hostname", "127.0.0.1",
                "--port", String.valueOf(port)).directory(rewards.toFile()).redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("khanaen-bench-hardhat", ".log").toFile());
        builder.environment().put("HARDHAT_DISABLE_TELEMETRY_PROMPT", "true");
        Process process = builder.start();
        String url = "http://127.0.0.1:" + port;
        Web3j web3j = Web3j.build(new HttpService(url));
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try {
                web3j.ethChainId().send();
                break;
            } catch (IOException e) {
                if (!process.isAlive() || Instant.now().isAfter(until)) {
                    process.destroy();
                    throw new IllegalStateException("the hardhat node did not start");
                }
                Thread.sleep(200);
            }
        }
        Credentials owner = Credentials.create(KEY);
        BigInteger price = web3j.ethGasPrice().send().getGasPrice();
        String contract = KhanaenCoupons.deploy(web3j, owner, new StaticGasProvider(price, BigInteger.valueOf(6_000_000)), owner.getAddress())
                .send().getContractAddress();
        return new LocalChain(url, contract, web3j, process);
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
        process.destroy();
    }
}
