package org.khanaen.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.khanaen.proofs.PublicRecord;
import org.khanaen.rewards.RootAnchors;
import org.khanaen.web.replay.Replay;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the public record cost during a replay (docs/public-record.md): entries hashed, trees made, chain transactions
 * (one per tree, however many reports), how many are anchored; the close of the night's round timed. Rounds run beside
 * the replay every {@code khanaen.proofs.every}; the reports' own figures (answers p99) are the latency with them on.
 */
final class PublicRecordFigures {

    private PublicRecordFigures() {
    }

    static void print(ConfigurableApplicationContext app, Replay.Outcome o) throws Exception {
        DataSource db = app.getBean(DataSource.class);
        List<long[]> rounds = rounds(db); // the replay's rounds, before the close of the night adds one
        long start = System.nanoTime();
        app.getBean(PublicRecord.class).roundNow(); // the close of the night: what the replay's last minute stored
        double closeMs = (System.nanoTime() - start) / 1e6;
        boolean chain = app.getBean(RootAnchors.class).contract().isPresent();
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (chain && count(db, "select count(*) from chain_anchor where state <> 'DONE'") > 0 && Instant.now().isBefore(until)) {
            Thread.sleep(250);
        }
        long entries = count(db, "select count(*) from record_leaf where tree_id is not null");
        long trees = count(db, "select count(*) from record_tree");
        long anchored = count(db, "select count(*) from chain_anchor where state = 'DONE'");
        long transactions = count(db, "select count(*) from chain_batch where action = 'ANCHOR'");
        long largest = count(db, "select coalesce(max(size), 0) from record_tree");
        Duration every = app.getEnvironment().getProperty("khanaen.proofs.every", Duration.class, Duration.ofMinutes(1));
        System.out.printf("public record: %,d entries (reports and decisions) in %,d trees (the largest %,d) during %.0f s of replay and the"
                + " close of the night's round (%.0f ms); %,d anchoring transactions (%s), %,d roots anchored; rounds every %s: at most %.0f"
                + " transactions an hour whatever the number of reports%n", entries, trees, largest, o.seconds(), closeMs, transactions,
                chain ? "chain configured" : "no chain: roots kept, not yet anchored", anchored, every,
                3600.0 / Math.max(1, every.toSeconds()));
        long[] took = rounds.stream().mapToLong(r -> r[1] - r[0]).sorted().toArray();
        if (took.length > 0) {
            System.out.printf("public record: %d rounds during the replay took p50 %,d ms, max %,d ms (each reads what the minute stored,"
                    + " hashes it and builds its tree)%n", took.length, took[(took.length - 1) / 2], took[took.length - 1]);
        }
        // the report's path: answers whose request overlapped a round, against the others, in the same run
        List<Long> during = new ArrayList<>();
        List<Long> outside = new ArrayList<>();
        for (int i = 0; i < o.answeredAtMillis().length; i++) {
            long end = o.answeredAtMillis()[i];
            long begin = end - o.answerMicrosInOrder()[i] / 1000;
            boolean overlaps = rounds.stream().anyMatch(r -> begin <= r[1] && end >= r[0]);
            (overlaps ? during : outside).add(o.answerMicrosInOrder()[i]);
        }
        System.out.printf("public record: answers while a round ran %s; at other times %s%n", figures(during), figures(outside));
    }

    /** Each {@code proofs.round} run's start and end (epoch ms), as the job leases wrote them down (platform's job_run). */
    private static List<long[]> rounds(DataSource db) throws Exception {
        List<long[]> out = new ArrayList<>();
        try (Connection c = db.getConnection();
                ResultSet rs = c.createStatement().executeQuery("select started_ms, ended_ms from job_run where name = 'proofs.round'")) {
            while (rs.next()) {
                out.add(new long[] { rs.getLong(1), rs.getLong(2) });
            }
        }
        return out;
    }

    private static String figures(List<Long> micros) {
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("%,d (p50 %.0f ms, p95 %.0f ms, p99 %.0f ms)", sorted.length, Replay.Outcome.percentile(sorted, 50),
                Replay.Outcome.percentile(sorted, 95), Replay.Outcome.percentile(sorted, 99));
    }

    private static long count(DataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
