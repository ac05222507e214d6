package org.khanaen.benchmarks.rehearsal;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.khanaen.benchmarks.rehearsal.Decisions.Kind;

/**
 * The scripted war room and constituency leads of the night (issue 23): people on the pages, each with a browser's
 * session of their own on a virtual thread, deciding at a person's pace ({@link Verifier}, {@link Lead}), while the
 * war room's queue is sampled every five minutes of the night ({@link QueueWatch}). What they measured comes back from
 * {@link #stop()}.
 */
public final class Desk implements AutoCloseable {

    /**
     * @param verifiers        how many of the cast's war-room accounts work (at most as many as there are)
     * @param verifierDecision how long a verifier looks at the photos before deciding (of the night)
     * @param leadDecision     the same for a lead confirming a count
     */
    public record Options(int verifiers, Duration verifierDecision, Duration leadDecision) {

        public static Options defaults() {
            return new Options(100, Duration.ofSeconds(30), Duration.ofSeconds(20));
        }
    }

    /** What every person at the desk shares: where the app is, the ledger, the clock, and what they measured. */
    record Room(URI base, Ledger ledger, NightClock clock, Options options, Calls calls, Decisions decisions,
            Figures.Latencies signIns, java.util.concurrent.atomic.AtomicBoolean running) {

        boolean working() {
            return running.get() && !Thread.currentThread().isInterrupted();
        }

        /** Signs in on the login form; false (a problem recorded) when refused. */
        boolean signIn(PageSession session, Cast.Account account) throws IOException, InterruptedException {
            long start = System.nanoTime();
            boolean in = session.signIn(account.email(), account.password()) != null;
            signIns.add((System.nanoTime() - start) / 1000);
            return in;
        }

        void pause(Duration wall) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(wall.toNanos());
        }

        /** A person looking at the photos for this long of the night; the wall time it took. */
        long pace(Duration ofTheNight) throws InterruptedException {
            long start = System.nanoTime();
            pause(clock.wall(ofTheNight));
            return System.nanoTime() - start;
        }

        /** A decision made (kind null: it failed, a problem already recorded). */
        void decided(Kind kind, PageSession session, long peopleNanos) {
            if (kind != null) {
                decisions.add(kind, session.callsSinceMark(), session.machineNanos(), peopleNanos);
            }
        }
    }

    private final Room room;
    private final ExecutorService people;
    private final QueueWatch queue;
    private final long started = System.nanoTime();
    private final int verifiers;
    private final int leads;
    private List<Figures> figures;

    private Desk(Room room, ExecutorService people, QueueWatch queue, int verifiers, int leads) {
        this.room = room;
        this.people = people;
        this.queue = queue;
        this.verifiers = verifiers;
        this.leads = leads;
    }

    /** Signs the war room's verifiers and every lead in over HTTP and starts them working. */
    public static Desk start(URI base, Cast cast, Ledger ledger, NightClock clock, Options o) throws Exception {
        Room room = new Room(base, ledger, clock, o, new Calls(), new Decisions(), new Figures.Latencies(),
                new java.util.concurrent.atomic.AtomicBoolean(true));
        ExecutorService people = Executors.newVirtualThreadPerTaskExecutor();
        List<Cast.Account> warRoom = cast.warRoom().subList(0, Math.min(o.verifiers(), cast.warRoom().size()));
        // the queue is watched from the administrator's desk (or a verifier's second screen without one)
        Cast.Account watcher = cast.admin() != null ? cast.admin() : warRoom.isEmpty() ? null : warRoom.getFirst();
        QueueWatch queue = watcher == null ? null : new QueueWatch(room, watcher);
        if (queue != null) {
            people.submit(queue);
        }
        warRoom.forEach(a -> people.submit(new Verifier(room, a)));
        cast.leads().values().forEach(a -> people.submit(new Lead(room, a)));
        return new Desk(room, people, queue, warRoom.size(), cast.leads().size());
    }

    /** Stops them (after the orchestrator has seen everything verified, or given up) and returns what they measured. */
    public List<Figures> stop() {
        if (figures != null) {
            return figures;
        }
        room.running().set(false);
        people.shutdownNow(); // wakes those waiting; a decision being looked at is dropped, as by someone going home
        try {
            if (!people.awaitTermination(60, TimeUnit.SECONDS)) {
                room.calls().problem("some of the desk's people were still busy a minute after being stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Figures> out = new ArrayList<>();
        long[] signIns = room.signIns().toArray();
        out.add(Figures.of("desk sign-in (login form, landing page)", seconds, signIns.length, "people", signIns,
                List.of(verifiers + " verifiers, " + leads + " leads" + (queue != null ? ", the queue's watcher" : "")), List.of()));
        out.addAll(room.decisions().figures(seconds, room.clock()));
        if (queue != null) {
            out.add(queue.figures(seconds));
        }
        out.addAll(room.calls().figures(seconds));
        out.add(Figures.of("desk problems", seconds, room.calls().problemCount(), "problems", new long[0],
                List.of("answers other than 2xx/3xx, refusals other than \"someone else decided it first\", failed requests",
                        "sessions lost and signed in again: " + room.calls().sessionsLost()),
                room.calls().problems()));
        figures = List.copyOf(out);
        return figures;
    }

    /** How many decisions of a kind so far (for a test or the orchestrator's progress line). */
    public long decided(String kind) {
        for (Kind k : Kind.values()) {
            if (k.words.equals(kind)) {
                return room.decisions().count(k);
            }
        }
        throw new IllegalArgumentException(kind);
    }

    @Override
    public void close() {
        stop();
    }
}
