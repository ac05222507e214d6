package org.khanaen.testing;

import java.sql.DriverManager;
import java.sql.SQLException;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A database of a test class's own, for counts that are election- or app-wide (the mail still to go, everyone to tell)
 * and so cannot be checked in the suite's shared database, where other tests' rows move them. Its own application
 * context too (the properties differ), so keep such classes few. From a {@code @DynamicPropertySource} method:
 * {@code OwnDatabase.register(registry, "mail_progress")}.
 * <ul>
 * <li>Embedded (the default): another schema on the test JVM's one embedded server.</li>
 * <li>With {@code KHANAEN_TEST_DB_SERVER}: another fresh schema on that server, as {@link TestDatabaseEnvironment} makes.</li>
 * </ul>
 */
public final class OwnDatabase {

    private OwnDatabase() {
    }

    /** @param name a few lowercase letters, digits and underscores, unique among the test classes */
    public static void register(DynamicPropertyRegistry registry, String name) {
        if (!name.matches("[a-z0-9_]{1,30}")) {
            throw new IllegalArgumentException("a schema name of lowercase letters, digits and underscores: " + name);
        }
        String server = System.getenv("KHANAEN_TEST_DB_SERVER");
        if (server == null || server.isBlank()) {
            registry.add("khanaen.embedded-db.database", () -> "khanaen_" + name);
            return;
        }
        String user = System.getenv().getOrDefault("KHANAEN_TEST_DB_USER", "root");
        String password = System.getenv().getOrDefault("KHANAEN_TEST_DB_PASSWORD", "");
        String schema = "khanaen_test_" + name + "_" + ProcessHandle.current().pid();
        try (var connection = DriverManager.getConnection(server, user, password)) {
            connection.createStatement().execute("create database if not exists `" + schema + "` character set utf8mb4 collate utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test schema " + schema + " on " + server + ": " + e.getMessage(), e);
        }
        String base = server.endsWith("/") ? server : server + "/";
        registry.add("spring.datasource.url", () -> base + schema
                + "?rewriteBatchedStatements=true&characterEncoding=UTF-8&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true");
    }
}
