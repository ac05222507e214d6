package org.khanaen.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code ./khanaen drill reports|payments|coupons|all|database [--url jdbc:mysql://host:port/ --user u --password p]}: fault
 * drills. The application runs as its own JVM on a fresh schema, is killed with SIGKILL in the middle of a stream of
 * work and started again on the same schema and port, while the clients retry; then the database is counted. {@code
 * all} runs the drills together: one schema, one set-up, one node, their streams interleaved across one kill. {@code
 * database} sends the reports and payments streams while the database server (one of its own) is killed and started
 * again instead, the node left running. One line per drill; a mismatch fails the command (non-zero exit).
 */
final class Drills {

    private Drills() {
    }

    static final String USAGE = "usage: ./khanaen drill reports|payments|coupons|all|database|chain [--url jdbc:mysql://host:port/ --user u --password p]"
            + " [--clients 16] [--stations 200] [--donations 300] [--coupons 300] [--down 10]";

    /** @param own the drill's own server, for {@code database} (which kills it): null otherwise */
    static void run(Server server, String which, Map<String, String> options, OwnMariaDb own) throws Exception {
        int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
        List<Drill> drills = new ArrayList<>();
        if (which.equals("database")) {
            drills.add(new DatabaseDrill(own, Integer.parseInt(options.getOrDefault("down", "10"))));
        }
        if (which.equals("reports") || which.equals("all") || which.equals("database")) {
            drills.add(new ReportsDrill(Integer.parseInt(options.getOrDefault("stations", "200"))));
        }
        // coupons are minted beside another drill's stream (its progress times the kill): alone, beside the payments
        if (which.equals("coupons") || which.equals("all")) {
            drills.add(new CouponsDrill(Integer.parseInt(options.getOrDefault("coupons", "300")))); // set up before the payments' offer
        }
        if (which.equals("chain")) {
            drills.add(new CouponsDrill(Integer.parseInt(options.getOrDefault("coupons", "300")),
                    java.time.Duration.ofSeconds(Integer.parseInt(options.getOrDefault("down", "10")))));
        }
        if (which.equals("payments") || which.equals("coupons") || which.equals("all") || which.equals("database") || which.equals("chain")) {
            drills.add(new PaymentsDrill(Integer.parseInt(options.getOrDefault("donations", "300"))));
        }
        if (drills.isEmpty()) {
            throw new IllegalArgumentException(USAGE);
        }
        long start = System.nanoTime();
        String url = server.freshSchema("drill");
        List<DrillResult> results = new ArrayList<>();
        try {
            try (var app = server.startApp(url)) {
                for (Drill d : drills) {
                    d.setUp(app, url);
                }
            }
            double setUp = (System.nanoTime() - start) / 1e9;
            List<String> arguments = drills.stream().flatMap(d -> d.nodeArguments().stream()).toList();
            try (ChildApp node = new ChildApp(server, url, arguments)) {
                double firstStart = node.start();
                List<List<KillStream.Step>> jobs = new ArrayList<>();
                KillStream.Fault fault = drills.stream().map(d -> d.fault(node)).filter(java.util.Objects::nonNull).findFirst().orElse(null);
                String struck = which.equals("database") ? "database server" : which.equals("chain") ? "chain node" : "node";
                for (Drill d : drills) {
                    jobs.addAll(d.jobs(node));
                }
                Collections.shuffle(jobs, new Random(2566)); // the drills' streams side by side, across the same kill
                System.out.printf("drill %s: set-up %.1f s in this JVM; node (own JVM) on port %d healthy in %.1f s; %,d jobs by %d retrying clients,"
                        + " SIGKILL of the %s at 40%% answered%n", which, setUp, node.port, firstStart, jobs.size(), clients,
                        struck);
                KillStream.Outcome outcome = fault != null ? KillStream.run(jobs, clients, 0.4, fault)
                        : KillStream.run(node, jobs, clients, 0.4, () -> {
                            for (Drill d : drills) {
                                d.beforeKill(node);
                            }
                            return null;
                        });
                System.out.printf("drill %s: %,d requests for %,d steps (%,d retries); %s killed at %.1f s after %,d of %,d answered (exit %d),"
                        + " node healthy %.1f s after the kill; stream %.1f s%n", which, outcome.requests(), outcome.steps(), outcome.retries(),
                        struck, outcome.killAt(), outcome.stepsBefore(), outcome.steps(), outcome.exitCode(),
                        outcome.restart(), outcome.seconds());
                for (Drill d : drills) {
                    results.add(d.verify(url, node, outcome));
                    System.out.println(results.getLast().line());
                }
            }
        } finally {
            drills.forEach(Drill::close);
            server.drop(url);
        }
        System.out.printf("drills: %s in %.0f s, %d failed%n", results.stream().map(DrillResult::name).toList(), (System.nanoTime() - start) / 1e9,
                results.stream().filter(r -> !r.passed()).count());
        if (results.stream().anyMatch(r -> !r.passed())) {
            throw new IllegalStateException("fault drill failed: " + results.stream().filter(r -> !r.passed()).map(DrillResult::name).toList());
        }
    }

    /** The common part of a drill's line: the kill, the restart, the retries, this drill's answers. */
    static String killFigures(KillStream.Outcome outcome, String... steps) {
        Map<String, Long> answers = new java.util.TreeMap<>();
        outcome.answers().forEach((k, v) -> {
            if (List.of(steps).contains(k.split(" ")[0])) {
                answers.put(k, v);
            }
        });
        return String.format("answers %s; killed at %.1f s (exit %d), node healthy %.1f s later; %,d retries in the stream", answers,
                outcome.killAt(), outcome.exitCode(), outcome.restart(), outcome.retries());
    }

    /** The stream's refusals of this drill's steps, and a kill that was not SIGKILL. */
    static List<String> streamProblems(KillStream.Outcome outcome, String... steps) {
        List<String> mine = outcome.failures().stream().filter(f -> List.of(steps).contains(f.split(" ")[0])).toList();
        List<String> problems = new ArrayList<>(mine.stream().limit(5).toList());
        if (mine.size() > 5) {
            problems.add("… " + mine.size() + " refused or given up in all");
        }
        if (outcome.exitCode() != 137) {
            problems.add("the killed node exited " + outcome.exitCode() + ", not 137 (SIGKILL)");
        }
        return problems;
    }
}
