package org.khanaen.benchmarks.rehearsal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every request the desk's people made, by endpoint: latencies, and the answers that were not 2xx or 3xx (problems,
 * as are requests that failed). Shared by all of them.
 */
final class Calls {

    private static final int PROBLEMS_KEPT = 30; // the first ones say what went wrong; the count says how often

    private final Map<String, Figures.Latencies> latencies = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final AtomicLong problemCount = new AtomicLong();
    private final AtomicLong sessionsLost = new AtomicLong();

    void record(String endpoint, long micros, int status) {
        latencies.computeIfAbsent(endpoint, k -> new Figures.Latencies()).add(micros);
        if (status / 100 != 2 && status / 100 != 3) {
            errors.computeIfAbsent(endpoint, k -> new AtomicLong()).incrementAndGet();
            problem(endpoint + " answered " + status);
        }
    }

    void problem(String what) {
        problemCount.incrementAndGet();
        synchronized (problems) {
            if (problems.size() < PROBLEMS_KEPT) {
                problems.add(what);
            }
        }
    }

    /** A person found themselves signed out (sent to the login page) and signed in again. */
    void sessionLost() {
        sessionsLost.incrementAndGet();
    }

    long sessionsLost() {
        return sessionsLost.get();
    }

    long problemCount() {
        return problemCount.get();
    }

    List<String> problems() {
        synchronized (problems) {
            List<String> all = new ArrayList<>(problems);
            if (problemCount.get() > problems.size()) {
                all.add("… " + (problemCount.get() - problems.size()) + " more");
            }
            return all;
        }
    }

    /** One line of figures per endpoint, in name order. */
    List<Figures> figures(double seconds) {
        List<Figures> out = new ArrayList<>();
        new TreeMap<>(latencies).forEach((endpoint, l) -> {
            long failed = errors.getOrDefault(endpoint, new AtomicLong()).get();
            out.add(Figures.of("desk " + endpoint, seconds, l.size(), "requests", l.toArray(),
                    failed == 0 ? List.of() : List.of(failed + " not 2xx/3xx"), List.of()));
        });
        return out;
    }
}
