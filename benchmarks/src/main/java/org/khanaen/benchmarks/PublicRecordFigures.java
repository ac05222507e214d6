package org.khanaen.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.khanaen.proofs.PublicRecord;
import org.khanaen.rewards.RootAnchors;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the public record cost during a replay (docs/public-record.md): entries hashed, trees made, chain transactions
 * (one per tree, however many reports), how many are anchored; the close of the night's round timed. Rounds run beside
 * the replay every {@code khanaen.proofs.every}; the reports' own figures (answers p99) are the latency with them on.
 */
final class PublicRecordFigures {

    private PublicRecordFigures() {
    }

    static void print(ConfigurableApplicationContext app, double replaySeconds) throws Exception {
        long start = System.nanoTime();
        app.getBean(PublicRecord.class).roundNow(); // the close of the night: what the replay's last minute stored
        double closeMs = (System.nanoTime() - start) / 1e6;
        boolean chain = app.getBean(RootAnchors.class).contract().isPresent();
        DataSource db = app.getBean(DataSource.class);
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (chain && count(db, "select count(*) from chain_anchor where state <> 'DONE'") > 0 && Instant.now().isBefore(until)) {
            Thread.sleep(250);
        }
        long entries = count(db, "select count(*) from record_leaf where tree_id is not null");
        long trees = count(db, "select count(*) from record_tree");
        long anchored = count(db, "select count(*) from chain_anchor where state = 'DONE'");
        long transactions = count(db, "select count(*) from chain_batch where action = 'ANCHOR'");
        Duration every = app.getEnvironment().getProperty("khanaen.proofs.every", Duration.class, Duration.ofMinutes(1));
        System.out.printf("public record: %,d entries (reports and decisions) in %,d trees during %.0f s of replay and the close of the night's"
                + " round (%.0f ms); %,d anchoring transactions (%s), %,d roots anchored; rounds every %s: at most %.0f transactions an hour"
                + " whatever the number of reports%n", entries, trees, replaySeconds, closeMs, transactions,
                chain ? "chain configured" : "no chain: roots kept, not yet anchored", anchored, every,
                3600.0 / Math.max(1, every.toSeconds()));
    }

    private static long count(DataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
