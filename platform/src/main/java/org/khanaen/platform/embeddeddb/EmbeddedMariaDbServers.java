package org.khanaen.platform.embeddeddb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.vorburger.exec.ManagedProcessException;

/**
 * The JVM's embedded MariaDB servers, one per data folder, reference-counted because the test
 * framework caches several application contexts that must share one server.
 */
final class EmbeddedMariaDbServers {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDbServers.class);
    private static final Map<Path, Running> running = new HashMap<>();

    private EmbeddedMariaDbServers() {
    }

    record Lease(Path dataDir, int port, String jdbcUrl) {
        void release() {
            EmbeddedMariaDbServers.release(dataDir);
        }
    }

    private static final class Running {
        final MariaDbProcess db;
        final EmbeddedDatabaseProperties properties;
        final int port;
        int holders;

        Running(MariaDbProcess db, EmbeddedDatabaseProperties properties, int port) {
            this.db = db;
            this.properties = properties;
            this.port = port;
        }
    }

    static synchronized Lease acquire(EmbeddedDatabaseProperties properties) {
        Path dataDir = properties.dataDir().toAbsolutePath().normalize();
        Running server = running.get(dataDir);
        if (server == null) {
            server = start(properties, dataDir);
            running.put(dataDir, server);
        }
        server.holders++;
        return new Lease(dataDir, server.port, jdbcUrl(server.port, properties.database()));
    }

    static synchronized void release(Path dataDir) {
        Running server = running.get(dataDir);
        if (server == null || --server.holders > 0) {
            return;
        }
        running.remove(dataDir);
        try {
            server.db.stop();
            log.info("Embedded MariaDB on port {} stopped", server.port);
        } catch (ManagedProcessException e) {
            log.warn("Embedded MariaDB on port {} did not stop cleanly", server.port, e);
        }
        if (server.properties.ephemeral()) {
            deleteRecursively(dataDir);
        }
    }

    static String jdbcUrl(int port, String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database
                + "?createDatabaseIfNotExist=true&rewriteBatchedStatements=true"
                + "&characterEncoding=UTF-8&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
                // the driver remembers autocommit and isolation itself instead of re-sending SETs around every
                // transaction (measured: 8 SET statements per election-night report), and keeps prepared statements
                + "&useLocalSessionState=true&cachePrepStmts=true&prepStmtCacheSize=250&prepStmtCacheSqlLimit=2048";
    }

    private static Running start(EmbeddedDatabaseProperties properties, Path dataDir) {
        long started = System.nanoTime();
        if (properties.ephemeral()) {
            deleteRecursively(dataDir);
        }
        StaleServer.stopIfOrphaned(dataDir);
        int port = properties.port() == 0 ? freePort() : properties.port();
        List<String> args = new ArrayList<>(List.of(
                "--bind-address=127.0.0.1", // the embedded server has no passwords: loopback only
                "--pid-file=" + dataDir.resolve(StaleServer.PID_FILE),
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                "--default-time-zone=+00:00",
                "--max-connections=500"));
        if (MariaDbProcess.runningAsRoot()) {
            args.add("--user=root");
        }
        args.addAll(properties.args());
        try {
            MariaDbProcess db = MariaDbProcess.start(properties.baseDir(), dataDir,
                    dataDir.resolveSibling(dataDir.getFileName() + "-tmp"), port, args);
            log.info("Embedded MariaDB {} on 127.0.0.1:{} with data in {} (started in {} ms)",
                    MariaDbProcess.VERSION, port, dataDir, (System.nanoTime() - started) / 1_000_000);
            return new Running(db, properties, port);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded MariaDB with data in " + dataDir
                    + " (set spring.datasource.url to use an external server): " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + dir, e);
        }
    }
}
