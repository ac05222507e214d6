package org.khanaen.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local cluster of {@code scripts/cluster} (Galera, S3, app nodes, HAProxy) driven from Java: up, down, a node
 * killed with SIGKILL and started again. The script's own output goes to this JVM's standard error.
 */
final class Cluster implements AutoCloseable {

    final Path dir;
    private boolean up;

    Cluster(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    /** {@code up --nodes N}: returns once every node is healthy and the load balancer answers. */
    Target up(int nodes, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("up", "--nodes", String.valueOf(nodes)));
        args.addAll(List.of(more));
        up = true;
        script(dir, args.toArray(String[]::new));
        var env = Target.clusterEnv(dir);
        return new Target(java.util.Arrays.stream(env.get("APP_URLS").split(",")).map(java.net.URI::create).toList(), env.get("JDBC_URL"),
                env.get("DB_USER"), env.get("DB_PASSWORD"), Path.of(env.get("PHOTOS_DIRECTORY")), dir);
    }

    void kill(String what, int k) throws Exception {
        script(dir, "kill", what, String.valueOf(k));
    }

    /** Starts a killed node again; returns once it is healthy (app) or synced (database). */
    void start(String what, int k) throws Exception {
        script(dir, "start", what, String.valueOf(k));
    }

    String status() throws Exception {
        return script(dir, "status");
    }

    /** Everything stopped; the folder (data and logs) deleted unless kept for a look. */
    void down(boolean keep) throws Exception {
        if (up) {
            script(dir, keep ? new String[] { "down" } : new String[] { "down", "--purge" });
            up = false;
        }
    }

    @Override
    public void close() throws Exception {
        down(true);
    }

    /** {@code scripts/cluster COMMAND … --dir DIR}; its standard output. */
    static String script(Path dir, String... command) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        if (!Files.exists(root.resolve("scripts/cluster"))) {
            root = root.getParent();
        }
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("scripts/cluster").toString()));
        cmd.addAll(List.of(command));
        cmd.addAll(List.of("--dir", dir.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        // nodes started by a drill: C1 only, as the other drills' nodes (ChildApp), for quicker starts on a small machine
        pb.environment().putIfAbsent("KHANAEN_CLUSTER_JAVA_OPTS", "-Xmx768m -XX:TieredStopAtLevel=1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("scripts/cluster " + String.join(" ", command) + " failed (exit " + p.exitValue() + ")");
        }
        return out;
    }
}
