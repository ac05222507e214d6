package org.khanaen.rewards;

import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.khanaen.rewards.chain.contract.KhanaenCoupons;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * A real local chain for the tests: {@code npx hardhat node} (hardhat@2 from rewards/package.json, installed with
 * {@code npm ci} when missing) on a free loopback port, with a fresh contract deployed from the committed bytecode
 * through the generated wrapper. One per test JVM, stopped when it ends. Tests use {@link #available()} to be skipped
 * where node and npm are not installed; CI installs them. Shared with the public record's tests (module proofs) through
 * rewards' test jar.
 */
public final class HardhatNode {

    /** hardhat's public development account #0: never a real key. */
    public static final String KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    private static HardhatNode shared;

    public final String url;
    public final String contract;
    final Web3j web3j;
    private final Process process;

    private HardhatNode(String url, String contract, Web3j web3j, Process process) {
        this.url = url;
        this.contract = contract;
        this.web3j = web3j;
        this.process = process;
    }

    public static boolean available() {
        return onPath("node") && onPath("npm");
    }

    public static synchronized HardhatNode shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (Exception e) {
                throw new IllegalStateException("could not start a hardhat node: " + e.getMessage(), e);
            }
            Process process = shared.process;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            }));
        }
        return shared;
    }

    /** A contract of its own, for a test that needs a clean one. */
    String deploy() throws Exception {
        Credentials owner = Credentials.create(KEY);
        BigInteger price = web3j.ethGasPrice().send().getGasPrice();
        return KhanaenCoupons.deploy(web3j, owner, new StaticGasProvider(price, BigInteger.valueOf(6_000_000)), owner.getAddress()).send()
                .getContractAddress();
    }

    KhanaenCoupons reader(String address) {
        return KhanaenCoupons.load(address, web3j, Credentials.create(KEY), new StaticGasProvider(BigInteger.ZERO, BigInteger.valueOf(30_000_000)));
    }

    private static HardhatNode start() throws Exception {
        Path rewards = moduleDir();
        if (!Files.isDirectory(rewards.resolve("node_modules/hardhat"))) {
            run(rewards, Duration.ofMinutes(5), "npm", "ci", "--no-audit", "--no-fund");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createDirectories(rewards.resolve("target")).resolve("hardhat-node-" + port + ".log");
        // the hardhat binary itself, not npx: one process, which destroy() ends with nothing left behind
        ProcessBuilder builder = new ProcessBuilder(rewards.resolve("node_modules/.bin/hardhat").toString(), "node", "--hostname", "127.0.0.1", "--port", String.valueOf(port))
                .directory(rewards.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
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
                    throw new IllegalStateException("hardhat node did not start: " + Files.readString(log));
                }
                Thread.sleep(200);
            }
        }
        HardhatNode node = new HardhatNode(url, null, web3j, process);
        return new HardhatNode(url, node.deploy(), web3j, process);
    }

    private static Path moduleDir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p : List.of(here, here.resolve("rewards"), here.resolveSibling("rewards"))) {
            if (Files.exists(p.resolve("hardhat.config.js"))) {
                return p;
            }
        }
        throw new IllegalStateException("rewards/hardhat.config.js not found from " + here);
    }

    private static void run(Path dir, Duration timeout, String... command) throws Exception {
        // output to a log, and never the test JVM's stdin: node makes an inherited stdin non-blocking, which breaks
        // surefire's channel to this JVM ("std/in stream corrupted", measured)
        Path log = Files.createDirectories(dir.resolve("target")).resolve(command[0] + "-" + command[1] + ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroy();
            throw new IllegalStateException(String.join(" ", command) + " failed in " + dir);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
