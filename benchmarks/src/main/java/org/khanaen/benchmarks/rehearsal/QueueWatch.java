package org.khanaen.benchmarks.rehearsal;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The war room's queue over the night: its page's counts (conflicts, close races, others waiting, being checked)
 * read every five minutes of the night by someone at the desk.
 */
final class QueueWatch implements Runnable {

    static final Duration EVERY = Duration.ofMinutes(5);

    /** The counts at a time of the night; {@code waiting}: every item in the queue (those being checked included). */
    record Sample(LocalTime at, long conflicts, long closeRaces, long others, long claimed) {

        long waiting() {
            return conflicts + closeRaces + others;
        }
    }

    private static final Pattern COUNT = Pattern.compile("<dd>(\\d+)</dd>");

    private final Desk.Room room;
    private final Cast.Account account;
    private final List<Sample> samples = new ArrayList<>();

    QueueWatch(Desk.Room room, Cast.Account account) {
        this.room = room;
        this.account = account;
    }

    @Override
    public void run() {
        try (PageSession session = new PageSession(room.base(), room.calls())) {
            if (!room.signIn(session, account)) {
                return;
            }
            // by wall time, not the night's: a night past midnight wraps the LocalTime
            for (long next = System.nanoTime(); room.working(); next += room.clock().wall(EVERY).toNanos()) {
                room.pause(Duration.ofNanos(Math.max(0, next - System.nanoTime())));
                LocalTime at = room.clock().now();
                String page = session.get("/war-room", "GET /war-room (queue watch)").body();
                List<Long> counts = new ArrayList<>();
                for (Matcher m = COUNT.matcher(page); m.find();) {
                    counts.add(Long.parseLong(m.group(1)));
                }
                if (counts.size() != 4) {
                    room.calls().problem("the war room's page shows " + counts.size() + " counts, not 4");
                    continue;
                }
                synchronized (samples) {
                    samples.add(new Sample(at, counts.get(0), counts.get(1), counts.get(2), counts.get(3)));
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            room.calls().problem("the queue's watcher stopped: " + e);
        }
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    Figures figures(double seconds) {
        List<Sample> all = samples();
        Sample most = all.stream().max(java.util.Comparator.comparingLong(Sample::waiting)).orElse(null);
        List<String> notes = new ArrayList<>();
        if (most != null) {
            notes.add(String.format("most waiting: %,d at %s (%,d conflicts, %,d close races, %,d others; %,d being checked)", most.waiting(),
                    most.at().withNano(0), most.conflicts(), most.closeRaces(), most.others(), most.claimed()));
            notes.add("waiting by the night's time: " + String.join(", ", all.stream()
                    .map(s -> s.at().withSecond(0).withNano(0) + " " + s.waiting()).toList()));
        }
        return Figures.of("desk war-room queue (every 5 min of the night)", seconds, all.size(), "samples", new long[0], notes, List.of());
    }
}
