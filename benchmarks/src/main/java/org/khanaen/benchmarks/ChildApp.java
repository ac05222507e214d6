package org.khanaen.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The application as a separate JVM on a given schema and port, as a node runs in production: started with this
 * JVM's class path, ready when {@code /actuator/health} answers UP, and killed with SIGKILL (no shutdown hook, no
 * graceful stop, nothing flushed). Each start writes its own log file, kept for a look after a failure.
 */
final class ChildApp implements AutoCloseable {

    private final Server server;
    private final String url;
    private final List<String> extra;
    private final List<String> jvm;
    final int port;
    private final List<Path> logs = new ArrayList<>();
    private Process process;

    ChildApp(Server server, String url, List<String> extra) throws IOException {
        this(server, url, extra, List.of("-Xmx768m", "-XX:TieredStopAtLevel=1"));
    }

    /** @param jvm the JVM's options (the drills' default: a small heap, C1 only, for a quick start) */
    ChildApp(Server server, String url, List<String> extra, List<String> jvm) throws IOException {
        this.server = server;
        this.url = url;
        this.extra = List.copyOf(extra);
        this.jvm = List.copyOf(jvm);
        this.port = LocalChain.freePort();
    }

    /** The process id of the node started last. */
    long pid() {
        return process.pid();
    }

    /** Starts a node and waits until it is healthy; the seconds that took. */
    double start() throws Exception {
        long begin = System.nanoTime();
        Path log = Files.createTempFile("khanaen-drill-node-", ".log");
        logs.add(log);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvm);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", classPath(), "org.khanaen.KhanaenApplication",
                "--spring.datasource.url=" + url, "--spring.datasource.username=" + server.user,
                "--spring.datasource.password=" + server.password, "--server.port=" + port, "--khanaen.elections.autoload=",
                "--logging.level.root=warn", "--spring.main.banner-mode=off"));
        command.addAll(extra);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitHealthy(log);
        return (System.nanoTime() - begin) / 1e9;
    }

    /** Waits until the running node answers UP at {@code /actuator/health} (180 s at most). */
    void awaitHealthy() throws Exception {
        awaitHealthy(logs.getLast());
    }

    private void awaitHealthy(Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(base() + "/actuator/health")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node stopped (exit " + process.exitValue() + "); its log: " + log);
            }
            try {
                HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet, or too slow to answer
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the node was not healthy within 180 s; its log: " + log);
    }

    /** Whether the node started last is still running, and how many times one was started. */
    boolean alive() {
        return process != null && process.isAlive();
    }

    int starts() {
        return logs.size();
    }

    /**
     * This JVM's class path, with Khanaen's own jars taken from this checkout's {@code target} folders where they are:
     * the local Maven repository is shared on a development machine, and another checkout's {@code mvn install} between
     * two starts would otherwise give the restarted node other code than the killed one.
     */
    static String classPath() {
        Path root = Path.of("").toAbsolutePath();
        if (!Files.exists(root.resolve("mvnw"))) {
            root = root.getParent();
        }
        var ownJar = java.util.regex.Pattern.compile(".*/org/khanaen/([^/]+)/[^/]+/(\\1-[^/]+\\.jar)");
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            var m = ownJar.matcher(entry);
            Path built = m.matches() && root != null ? root.resolve(m.group(1)).resolve("target").resolve(m.group(2)) : null;
            entries.add(built != null && Files.isRegularFile(built) ? built.toString() : entry);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** SIGKILL ({@link Process#destroyForcibly()} on Linux); the exit code, 137 when it was that signal that ended it. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** A connection to the node's schema. */
    java.sql.Connection connect() throws java.sql.SQLException {
        return server.connect(url);
    }

    List<Path> logs() {
        return logs;
    }

    /** Stops the node gently (SIGTERM) at the end of a drill. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
