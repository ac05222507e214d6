package org.khanaen.benchmarks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.khanaen.elections.ElectionImports;
import org.khanaen.elections.ImportReport;

/**
 * The national reference load: the 2023 election with its 94,904 generated stations, imported
 * through the application's own import (checks, generation, one transaction) into a fresh schema.
 */
final class ReferenceLoadBench {

    private final Server server;
    private final int runs;

    ReferenceLoadBench(Server server, int runs) {
        this.server = server;
        this.runs = runs;
    }

    void run() throws Exception {
        PhysicalReference reference = server.describeAndMeasure();
        List<Long> millis = new ArrayList<>();
        long stations = 0;
        for (int run = 1; run <= runs; run++) {
            String url = server.freshSchema("bench_load");
            try (var app = server.startApp(url)) {
                long start = System.nanoTime();
                ImportReport report = app.getBean(ElectionImports.class).importBuiltIn("th-2566");
                millis.add((System.nanoTime() - start) / 1_000_000);
                stations = report.counts().stations();
                System.out.printf("run %d: %,d stations, %,d constituencies, %,d candidates in %,d ms%n", run, stations,
                        report.counts().constituencies(), report.counts().candidates(), millis.getLast());
            } finally {
                server.drop(url);
            }
        }
        Collections.sort(millis);
        long median = millis.get(millis.size() / 2);
        System.out.printf("%n| %s | reference load (th-2566, %,d stations) | median %.2f s (min %.2f s, %d runs) | %,.0f stations/s | raw JDBC %,.0f rows/s batched, %,.0f rows/s per-row commit |%n",
                LocalDate.now(), stations, median / 1000.0, millis.getFirst() / 1000.0, runs, stations / (median / 1000.0),
                reference.batchedRowsPerSecond(), reference.perRowCommitsPerSecond());
    }
}
