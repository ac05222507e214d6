package org.khanaen.benchmarks.rehearsal;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.khanaen.elections.ect.EctResults;
import org.khanaen.results.LiveResults;

/**
 * The night as the public saw it, sampled every {@code every} of wall time from the app's live results (the numbers
 * /results and the feeds are made from; read in-process: an observer, not a reader whose load counts): the share of
 * stations published (verified) and received (a final count in, verified or not), each party's party-list share and
 * each constituency's leader. Afterwards, held to the file's final numbers: when the party-list trend was stable (every
 * party within 0.5 pt of its final share from then on), when the leader of every constituency was the file's winner
 * from then on, when 100 % were published.
 */
final class Watch implements AutoCloseable {

    /** One look: night time; percent of station contests final and verified (both contests together); shares; leaders. */
    record Sample(LocalTime at, double percentFinal, double percentVerified, Map<String, Double> shares, Map<String, Integer> leaders,
            Map<String, Double> sharesProvisional, Map<String, Integer> leadersProvisional) {
    }

    private final long contests;
    private final LiveResults live;
    private final String electionId;
    private final NightClock clock;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;

    /** @param contests the station contests the night covers (its share of them is what "100 %" means) */
    Watch(LiveResults live, String electionId, NightClock clock, long everyMillis, long contests) {
        this.contests = contests;
        this.live = live;
        this.electionId = electionId;
        this.clock = clock;
        this.thread = Thread.ofPlatform().daemon().name("rehearsal-watch").start(() -> {
            while (!stopped) {
                try {
                    samples.add(look());
                    Thread.sleep(everyMillis);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    System.out.println("watch: " + e);
                }
            }
        });
    }

    Sample look() {
        LocalTime at = clock.now();
        var verified = live.national(electionId, LiveResults.View.VERIFIED).orElseThrow();
        var provisional = live.national(electionId, LiveResults.View.PROVISIONAL).orElseThrow();
        long stations = contests;
        long fin = 0;
        long ver = 0;
        for (var c : verified.contests()) {
            fin += c.stationsFinal();
            ver += c.stationsVerified();
        }
        return new Sample(at, 100.0 * fin / Math.max(1, stations), 100.0 * ver / Math.max(1, stations), shares(verified), leaders(LiveResults.View.VERIFIED),
                shares(provisional), leaders(LiveResults.View.PROVISIONAL));
    }

    private static Map<String, Double> shares(LiveResults.NationalResults n) {
        double total = n.parties().stream().mapToLong(LiveResults.PartyResult::partyListVotes).sum();
        Map<String, Double> shares = new HashMap<>();
        n.parties().forEach(p -> shares.put(p.partyId(), total == 0 ? 0 : 100 * p.partyListVotes() / total));
        return shares;
    }

    private Map<String, Integer> leaders(LiveResults.View view) {
        Map<String, Integer> leaders = new HashMap<>();
        for (var p : live.provinces(electionId, view).orElseThrow()) {
            live.province(electionId, p.code(), view).ifPresent(r -> r.constituencies().forEach(c -> {
                if (c.leaderBallot() != null) {
                    leaders.put(c.code(), c.leaderBallot());
                }
            }));
        }
        return leaders;
    }

    List<Sample> samples() {
        return samples;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(10_000);
        samples.add(look());
    }

    /** The file's national party-list shares (percent) and each constituency's winner (its most-voted ballot number). */
    record Finals(Map<String, Double> shares, Map<String, Integer> winners) {

        static Finals of(EctResults file) {
            Map<String, Long> votes = new HashMap<>();
            Map<String, Integer> winners = new HashMap<>();
            for (EctResults.Constituency c : file.constituencies()) {
                c.partyList().votes().forEach((party, v) -> votes.merge(party, v, Long::sum));
                long most = c.candidates().votes().values().stream().mapToLong(Long::longValue).max().orElse(0);
                var first = c.candidates().votes().entrySet().stream().filter(e -> e.getValue() == most).map(Map.Entry::getKey).toList();
                if (first.size() == 1) {
                    winners.put(c.code(), Integer.parseInt(first.getFirst()));
                }
            }
            double total = votes.values().stream().mapToLong(Long::longValue).sum();
            Map<String, Double> shares = new HashMap<>();
            votes.forEach((p, v) -> shares.put(p, 100 * v / total));
            return new Finals(shares, winners);
        }
    }

    /** The night's milestones on its clock, as lines of the report. */
    List<String> milestones(Finals finals) {
        List<String> lines = new ArrayList<>();
        lines.add("party-list trend stable (every party within 0.5 pt of its final share from then on): published (verified) "
                + stableFrom(s -> withinHalfPoint(s.shares(), finals.shares())) + "; received (final counts, verified or not) "
                + stableFrom(s -> withinHalfPoint(s.sharesProvisional(), finals.shares())));
        lines.add("leader of all " + finals.winners().size() + " constituencies the file's winner from then on: published "
                + stableFrom(s -> finals.winners().entrySet().stream().allMatch(w -> w.getValue().equals(s.leaders().get(w.getKey()))))
                + "; received " + stableFrom(s -> finals.winners().entrySet().stream()
                        .allMatch(w -> w.getValue().equals(s.leadersProvisional().get(w.getKey())))));
        lines.add("100 % of station contests with a final count: " + first(s -> s.percentFinal() >= 100) + "; 100 % published (verified): "
                + first(s -> s.percentVerified() >= 100) + "; 50 % published: " + first(s -> s.percentVerified() >= 50) + "; 95 % published: "
                + first(s -> s.percentVerified() >= 95));
        return lines;
    }

    LocalTime stableTime(java.util.function.Predicate<Sample> holds) {
        LocalTime from = null;
        for (Sample s : samples) {
            if (holds.test(s)) {
                from = from == null ? s.at() : from;
            } else {
                from = null;
            }
        }
        return from;
    }

    private String stableFrom(java.util.function.Predicate<Sample> holds) {
        LocalTime t = stableTime(holds);
        return t == null ? "never" : t.withNano(0).toString();
    }

    private String first(java.util.function.Predicate<Sample> holds) {
        return samples.stream().filter(holds).findFirst().map(s -> s.at().withNano(0).toString()).orElse("never");
    }

    private static boolean withinHalfPoint(Map<String, Double> now, Map<String, Double> fin) {
        for (var e : fin.entrySet()) {
            if (Math.abs(now.getOrDefault(e.getKey(), 0.0) - e.getValue()) > 0.5) {
                return false;
            }
        }
        return !now.isEmpty();
    }
}
