package org.khanaen.testing;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every test JVM a database of its own, so module suites never see each other's rows.
 * <ul>
 * <li>By default: an ephemeral embedded MariaDB in a folder of its own, wiped when the JVM ends.</li>
 * <li>With {@code KHANAEN_TEST_DB_SERVER} (e.g. {@code jdbc:mysql://127.0.0.1:3306/}, plus
 * {@code KHANAEN_TEST_DB_USER} / {@code KHANAEN_TEST_DB_PASSWORD}): a fresh schema on that real
 * server, created here, for CI's second pass.</li>
 * </ul>
 * Properties set by a test itself still win: this only adds defaults.
 */
public class TestDatabaseEnvironment implements EnvironmentPostProcessor {

    private static final String SOURCE = "khanaenTestDatabase";
    private static Map<String, Object> cached;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(SOURCE)) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults()));
    }

    private static synchronized Map<String, Object> defaults() {
        if (cached != null) {
            return cached;
        }
        Map<String, Object> properties = new HashMap<>();
        // Slices (@DataJpaTest) would otherwise swap in an in-memory database we do not ship.
        properties.put("spring.test.database.replace", "none");
        String server = System.getenv("KHANAEN_TEST_DB_SERVER");
        if (server != null && !server.isBlank()) {
            String user = System.getenv().getOrDefault("KHANAEN_TEST_DB_USER", "root");
            String password = System.getenv().getOrDefault("KHANAEN_TEST_DB_PASSWORD", "");
            String schema = "khanaen_test_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis() % 100_000;
            createSchema(server, user, password, schema);
            String base = server.endsWith("/") ? server : server + "/";
            properties.put("spring.datasource.url", base + schema
                    + "?rewriteBatchedStatements=true&characterEncoding=UTF-8&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true");
            properties.put("spring.datasource.username", user);
            properties.put("spring.datasource.password", password);
        } else {
            properties.put("khanaen.embedded-db.ephemeral", "true");
            properties.put("khanaen.embedded-db.data-dir",
                    System.getProperty("java.io.tmpdir") + "/khanaen-test-db-" + ProcessHandle.current().pid());
            // Test data need not survive a power cut; a commit without fsync is ~10x faster.
            properties.put("khanaen.embedded-db.args[0]", "--innodb-flush-log-at-trx-commit=2");
        }
        cached = properties;
        return properties;
    }

    private static void createSchema(String server, String user, String password, String schema) {
        try (var connection = DriverManager.getConnection(server, user, password)) {
            connection.createStatement().execute("create database `" + schema + "` character set utf8mb4 collate utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test schema " + schema + " on " + server + ": " + e.getMessage(), e);
        }
    }
}
