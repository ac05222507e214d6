package org.khanaen.benchmarks;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.khanaen.benchmarks.rehearsal.ElectionDay;
import org.khanaen.benchmarks.rehearsal.Figures;
import org.khanaen.benchmarks.rehearsal.Rehearsal;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.results.ReportIntake;

/**
 * {@code ./khanaen rehearse [OPTIONS]}: the stage of the dress rehearsal — the database server (embedded by default,
 * or {@code --url}), its physical reference, a local chain for the coupons and the public record's roots, a fresh
 * schema and the whole app on it with its web server — then {@link Rehearsal} runs the night on it.
 */
final class RehearseCommand {

    static void run(Server server, Map<String, String> options) throws Exception {
        PhysicalReference reference = server.describeAndMeasure();
        Figures database = Figures.of("reference: raw JDBC inserts on the same database server", 0, 0, "rows", new long[0],
                List.of(String.format("%,.0f rows/s batched, %,.0f rows/s one commit per row", reference.batchedRowsPerSecond(),
                        reference.perRowCommitsPerSecond())), List.of());
        boolean chain = !"false".equals(options.get("chain"));
        try (LocalChain node = chain ? LocalChain.start() : null) {
            List<String> args = new ArrayList<>();
            if (node != null) {
                System.out.printf("chain: hardhat node at %s, contract %s%n", node.url, node.contract);
                args.addAll(List.of("--khanaen.rewards.chain.rpc-url=" + node.url, "--khanaen.rewards.chain.private-key=" + LocalChain.KEY,
                        "--khanaen.rewards.chain.contract=" + node.contract));
            }
            String url = server.freshSchema("rehearsal");
            // the app's "today" is the 2023 election day from 17:00 (check-in open, the day's reminders already sent)
            try (var app = server.startWebApp(url, List.of(ElectionDay.of2566()), args.toArray(String[]::new))) {
                URI base = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
                var stage = new Rehearsal.Stage(app, base, url, server.user, server.password, Machine.describe(), server.description, database,
                        node != null, options, RehearseCommand::nationalFile, provinces -> ReplayBench.someProvinces(nationalFile(app), provinces,
                                app.getBean(tools.jackson.databind.json.JsonMapper.class)));
                Rehearsal.run(stage);
            } finally {
                if (!"true".equals(options.get("keep"))) {
                    server.drop(url);
                }
            }
        }
    }

    /** The national results file the night is sent from: made up from the 2023 reference data (ReplayBench's). */
    private static Path nationalFile(org.springframework.context.ConfigurableApplicationContext app) throws Exception {
        return ReplayBench.NationalFile.write(app.getBean(ElectionCatalog.class), app.getBean(ReportIntake.class).rules("th-2566").majorParties(),
                Path.of("target", "replay-national-th-2566.json"));
    }
}
