package org.khanaen.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./khanaen drill reports|payments|all [--url jdbc:mysql://host:port/ --user u --password p]}: fault drills. The
 * application runs as its own JVM on a fresh schema, is killed with SIGKILL in the middle of a stream of work and
 * started again, while the clients retry; then the database is counted. One line per drill; a mismatch fails the
 * command (non-zero exit).
 */
final class Drills {

    private Drills() {
    }

    static void run(Server server, String which, Map<String, String> options) throws Exception {
        int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
        List<DrillResult> results = new ArrayList<>();
        long start = System.nanoTime();
        if (which.equals("reports") || which.equals("all")) {
            results.add(new ReportsDrill(server, Integer.parseInt(options.getOrDefault("stations", "200")), clients).run());
            System.out.println(results.getLast().line());
        }
        if (which.equals("payments") || which.equals("all")) {
            results.add(new PaymentsDrill(server, Integer.parseInt(options.getOrDefault("donations", "300")), clients).run());
            System.out.println(results.getLast().line());
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException("usage: ./khanaen drill reports|payments|all [--url jdbc:mysql://host:port/ --user u --password p]"
                    + " [--clients 16] [--stations 200] [--donations 300]");
        }
        System.out.printf("drills: %d run in %.0f s, %d failed%n", results.size(), (System.nanoTime() - start) / 1e9,
                results.stream().filter(r -> !r.passed()).count());
        if (results.stream().anyMatch(r -> !r.passed())) {
            throw new IllegalStateException("fault drill failed: " + results.stream().filter(r -> !r.passed()).map(DrillResult::name).toList());
        }
    }
}
