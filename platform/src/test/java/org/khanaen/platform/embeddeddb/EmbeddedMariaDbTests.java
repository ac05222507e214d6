package org.khanaen.platform.embeddeddb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.nio.file.Files;
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
    void refusesToKeepDataInTheFolderMariaDb4jWipes() {
        Path underTmp = Path.of(System.getProperty("java.io.tmpdir"), "khanaen-kept-data");
        var properties = new EmbeddedDatabaseProperties(underTmp, tmp.resolve("base"), 0, "khanaen", false, List.of());
        assertThatThrownBy(() -> new EmbeddedMariaDb(properties))
                .hasMessageContaining("wipes at every start");
    }

    @Test
    void keepsDataBetweenRuns() throws Exception {
        // a persistent folder must live outside java.io.tmpdir
        Path kept = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kept-db");
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
}
