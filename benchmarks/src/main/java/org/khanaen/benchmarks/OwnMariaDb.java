package org.khanaen.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real MariaDB server of a drill's own (Debian's {@code mariadbd} through {@code scripts/mariadb-server}, installed
 * when missing) in a temporary folder on a free port, which the drill may kill and start again: the shared server of
 * the other drills and the tests must never be. Stopped and deleted at the end.
 */
final class OwnMariaDb implements AutoCloseable {

    static final String USER = "khanaen";
    static final String PASSWORD = "khanaen-local";

    final String url;
    private final Path script;
    private final Path dir;

    private OwnMariaDb(Path script, Path dir, String url) {
        this.script = script;
        this.dir = dir;
        this.url = url;
    }

    static OwnMariaDb start() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        if (!Files.exists(root.resolve("scripts/mariadb-server"))) {
            root = root.getParent();
        }
        Path script = root.resolve("scripts/mariadb-server");
        Path dir = Files.createTempDirectory("khanaen-drill-mariadb");
        return new OwnMariaDb(script, dir, run(script, "start", dir));
    }

    /** SIGKILL of mariadbd: a crash, nothing flushed beyond what InnoDB's log holds. */
    void kill() throws Exception {
        run(script, "kill", dir);
    }

    /** mariadbd again on the same data and port (crash recovery first); returns once it answers. */
    void resume() throws Exception {
        run(script, "resume", dir);
    }

    private static String run(Path script, String command, Path dir) throws Exception {
        Process p = new ProcessBuilder(List.of("bash", script.toString(), command, dir.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("scripts/mariadb-server " + command + " " + dir + " failed (exit " + p.exitValue() + ")");
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        run(script, "stop", dir);
    }
}
