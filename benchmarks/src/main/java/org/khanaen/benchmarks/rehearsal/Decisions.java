package org.khanaen.benchmarks.rehearsal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The decisions the desk's people made, by kind: how many, the latency of each request they took, and each decision's
 * wait on the machine (the sum of its requests) beside its wait on people (the pace). Shared by all of them.
 */
final class Decisions {

    enum Kind {
        APPROVED("approved"), CORRECTED("corrected"), AS_WRITTEN("accepted as written"), REJECTED("rejected"),
        LEAD_CONFIRMED("lead-confirmed"),
        /** Another person decided the item first (a lead and a verifier on the same count): the app's expected refusal. */
        TAKEN("taken by someone else first");

        final String words;

        Kind(String words) {
            this.words = words;
        }
    }

    private static final class Of {
        long count;
        long machineNanos;
        long peopleNanos;
        long longestMachineNanos;
        final Figures.Latencies calls = new Figures.Latencies();
    }

    private final Map<Kind, Of> kinds = new EnumMap<>(Kind.class);

    synchronized void add(Kind kind, List<Long> callMicros, long machineNanos, long peopleNanos) {
        Of of = kinds.computeIfAbsent(kind, k -> new Of());
        of.count++;
        of.machineNanos += machineNanos;
        of.peopleNanos += peopleNanos;
        of.longestMachineNanos = Math.max(of.longestMachineNanos, machineNanos);
        callMicros.forEach(of.calls::add);
    }

    synchronized long count(Kind kind) {
        Of of = kinds.get(kind);
        return of == null ? 0 : of.count;
    }

    /** One line per kind, and a line for all of them together. */
    synchronized List<Figures> figures(double seconds, NightClock clock) {
        List<Figures> out = new ArrayList<>();
        long all = 0;
        long machine = 0;
        long people = 0;
        long longest = 0;
        for (var e : kinds.entrySet()) {
            Of of = e.getValue();
            out.add(Figures.of("desk decisions " + e.getKey().words, seconds, of.count, "decisions", of.calls.toArray(),
                    List.of(String.format("their %,d requests above; per decision on the machine %.0f ms (longest %.0f ms), on people %.1f s"
                            + " of the night", of.calls.size(), of.machineNanos / 1e6 / of.count, of.longestMachineNanos / 1e6,
                            clock.compress() * of.peopleNanos / 1e9 / of.count)), List.of()));
            if (e.getKey() != Kind.TAKEN) {
                all += of.count;
                machine += of.machineNanos;
                people += of.peopleNanos;
                longest = Math.max(longest, of.longestMachineNanos);
            }
        }
        out.add(Figures.of("desk decisions (all kinds)", seconds, all, "decisions", new long[0],
                List.of(String.format("waited on the machine %.1f s in all (%.0f ms a decision, longest %.0f ms), on people %.1f s wall"
                        + " (%.1f s of the night a decision): the machine's share %.2f %%", machine / 1e9, all == 0 ? 0 : machine / 1e6 / all,
                        longest / 1e6, people / 1e9, all == 0 ? 0 : clock.compress() * people / 1e9 / all,
                        machine + people == 0 ? 0 : 100.0 * machine / (machine + people))), List.of()));
        return out;
    }
}
