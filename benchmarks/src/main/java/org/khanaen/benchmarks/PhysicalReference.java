package org.khanaen.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What the server itself can do, measured in the same run: rows per second of raw JDBC inserts,
 * batched (1,000 per batch, a commit per batch) and one autocommitted row at a time.
 */
record PhysicalReference(double batchedRowsPerSecond, double perRowCommitsPerSecond) {

    static PhysicalReference measure(Server server) throws SQLException {
        String url = server.freshSchema("bench_raw");
        try (Connection c = server.connect(url)) {
            c.createStatement().execute("""
                    create table raw_rows (id bigint not null primary key, code varchar(40) not null, latitude double not null,
                                           longitude double not null, voters int not null) engine = InnoDB""");
            double batched = batched(c, 200_000);
            double perRow = perRow(c, 3_000);
            return new PhysicalReference(batched, perRow);
        } finally {
            server.drop(url);
        }
    }

    /**
     * The same on a database the benchmark does not own (running nodes' database, a Galera cluster through its
     * failover URL): a table of its own in the current schema, dropped afterwards.
     */
    static PhysicalReference measureIn(Connection c) throws SQLException {
        c.createStatement().execute("drop table if exists bench_raw_rows");
        c.createStatement().execute("""
                create table bench_raw_rows (id bigint not null primary key, code varchar(40) not null, latitude double not null,
                                             longitude double not null, voters int not null) engine = InnoDB""");
        try {
            double batched = batched(c, "bench_raw_rows", 200_000);
            double perRow = perRow(c, "bench_raw_rows", 3_000);
            return new PhysicalReference(batched, perRow);
        } finally {
            c.setAutoCommit(true);
            c.createStatement().execute("drop table bench_raw_rows");
        }
    }

    private static double batched(Connection c, int rows) throws SQLException {
        return batched(c, "raw_rows", rows);
    }

    private static double perRow(Connection c, int rows) throws SQLException {
        return perRow(c, "raw_rows", rows);
    }

    private static double batched(Connection c, String table, int rows) throws SQLException {
        c.setAutoCommit(false);
        long start = System.nanoTime();
        try (var insert = c.prepareStatement("insert into " + table + " values (?,?,?,?,?)")) {
            for (int i = 1; i <= rows; i++) {
                insert.setLong(1, i);
                insert.setString(2, "BKK_1-" + i);
                insert.setDouble(3, 13.7 + i * 1e-6);
                insert.setDouble(4, 100.5 + i * 1e-6);
                insert.setInt(5, 550);
                insert.addBatch();
                if (i % 1000 == 0) {
                    insert.executeBatch();
                    c.commit();
                }
            }
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    private static double perRow(Connection c, String table, int rows) throws SQLException {
        c.setAutoCommit(true);
        long start = System.nanoTime();
        try (var insert = c.prepareStatement("insert into " + table + " values (?,?,?,?,?)")) {
            for (int i = 1; i <= rows; i++) {
                insert.setLong(1, 1_000_000 + i);
                insert.setString(2, "BKK_1-" + i);
                insert.setDouble(3, 13.7);
                insert.setDouble(4, 100.5);
                insert.setInt(5, 550);
                insert.executeUpdate();
            }
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }
}
