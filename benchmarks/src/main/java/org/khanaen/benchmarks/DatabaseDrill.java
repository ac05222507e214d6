package org.khanaen.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The database server killed under load: beside the reports and payments drills' streams, the drill's own MariaDB
 * server ({@link OwnMariaDb}) is killed with SIGKILL when 40% are answered, stays down for {@code --down} seconds
 * while the clients keep sending and retrying, and is started again on the same data (InnoDB's crash recovery). The
 * node is not restarted: its connection pool must find the server again by itself. Counted here: the node is the one
 * started first and is healthy again, how long that took after the server was back, and what the clients were
 * answered meanwhile (only retryable answers: a 4xx fails the stream); the reports and payments drills count what
 * was stored (nothing lost, nothing doubled, every hand-off done once, no event publication left incomplete).
 */
final class DatabaseDrill implements Drill {

    private final OwnMariaDb database;
    private final int downSeconds;
    private double backAfter;
    private double healthyAfterBack;

    DatabaseDrill(OwnMariaDb database, int downSeconds) {
        this.database = database;
        this.downSeconds = downSeconds;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public void setUp(ConfigurableApplicationContext app, String url) {
    }

    @Override
    public List<List<KillStream.Step>> jobs(ChildApp node) {
        return List.of();
    }

    /** SIGKILL of mariadbd, down for a while, started again; then the node, never restarted, until it is healthy. */
    @Override
    public KillStream.Fault fault(ChildApp node) {
        return () -> {
            long at = System.nanoTime();
            database.kill();
            Thread.sleep(downSeconds * 1_000L);
            database.resume();
            long back = System.nanoTime();
            backAfter = (back - at) / 1e9;
            node.awaitHealthy();
            healthyAfterBack = (System.nanoTime() - back) / 1e9;
            return new KillStream.Struck(137, (System.nanoTime() - at) / 1e9);
        };
    }

    @Override
    public DrillResult verify(String url, ChildApp node, KillStream.Outcome outcome) throws Exception {
        List<String> problems = new ArrayList<>(Drills.streamProblems(outcome));
        // hand-offs whose listener failed while the server was away: the other drills count that each was done after all
        long failedListeners;
        try (var lines = java.nio.file.Files.lines(node.logs().getFirst())) {
            failedListeners = lines.filter(l -> l.contains("Unexpected exception occurred invoking async method")).count();
        }
        if (node.starts() != 1 || !node.alive()) {
            problems.add("the node was started " + node.starts() + " time(s) and is " + (node.alive() ? "running" : "gone") + ": it must ride out the outage");
        }
        String figures = String.format("mariadbd killed (SIGKILL) at %.1f s after %,d of %,d answered, serving again %.1f s later (%d s down + crash recovery);"
                + " the node, never restarted, healthy %.1f s after the server was back; the clients' retries by cause %s (%,d in all);"
                + " %d hand-offs between modules failed in the outage and were handed again",
                outcome.killAt(), outcome.stepsBefore(), outcome.steps(), backAfter, downSeconds, healthyAfterBack, outcome.retriedOn(), outcome.retries(),
                failedListeners);
        return new DrillResult("database", figures, problems, node.logs());
    }
}
