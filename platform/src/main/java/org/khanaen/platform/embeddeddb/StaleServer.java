package org.khanaen.platform.embeddeddb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server left running by an app that was killed (kill -9 leaves its child process behind). It holds
 * the data folder, so the next start would fail; when its parent is gone, it is shut down first.
 */
final class StaleServer {

    static final String PID_FILE = "khanaen-mariadbd.pid";
    private static final Logger log = LoggerFactory.getLogger(StaleServer.class);

    private StaleServer() {
    }

    static void stopIfOrphaned(Path dataDir) {
        Path pidFile = dataDir.resolve(PID_FILE);
        if (!Files.isReadable(pidFile)) {
            return;
        }
        Optional<ProcessHandle> process = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd") || c.endsWith("mysqld")).orElse(false));
        if (process.isEmpty()) {
            return;
        }
        ProcessHandle server = process.get();
        Optional<ProcessHandle> parent = server.parent().filter(ProcessHandle::isAlive);
        if (parent.isPresent() && parent.get().pid() != 1 && parent.get().pid() != ProcessHandle.current().pid()
                && parent.get().info().command().map(c -> c.endsWith("java")).orElse(false)) {
            throw new IllegalStateException("Another running Khanaen (pid " + parent.get().pid()
                    + ") uses the embedded database in " + dataDir + "; stop it or choose another khanaen.embedded-db.data-dir");
        }
        log.warn("Stopping an embedded MariaDB (pid {}) left behind by an earlier run that was killed", server.pid());
        server.destroy();
        try {
            server.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            server.destroyForcibly();
            server.onExit().orTimeout(Duration.ofSeconds(10).toSeconds(), TimeUnit.SECONDS).join();
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
