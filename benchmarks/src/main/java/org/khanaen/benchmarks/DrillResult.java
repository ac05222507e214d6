package org.khanaen.benchmarks;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/** A fault drill's figures, and what did not add up (nothing: it passed). */
record DrillResult(String name, String figures, List<String> problems, List<Path> nodeLogs) {

    boolean passed() {
        return problems.isEmpty();
    }

    /** The one line a drill prints. */
    String line() {
        return "drill " + name + ": " + (passed() ? "PASS" : "FAIL") + " — " + figures
                + (passed() ? "" : "\n  problems: " + String.join("; ", problems) + "\n  node logs: " + nodeLogs);
    }

    /**
     * Event publications not completed (the application deletes completed ones), once the node has had up to 120 s to
     * republish what a killed one left, to hand again what failed while the database was away (after a minute), and
     * to finish what is in flight.
     */
    static long awaitNoIncompletePublications(Statement st) throws Exception {
        long incomplete = 0;
        for (int i = 0; i < 240; i++) {
            incomplete = single(st, "select count(*) from event_publication where completion_date is null");
            if (incomplete == 0) {
                break;
            }
            Thread.sleep(500);
        }
        return incomplete;
    }

    static long single(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
