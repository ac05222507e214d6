package org.khanaen.web.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.khanaen.results.LiveResults;
import org.khanaen.results.LiveResults.Change;
import org.khanaen.results.LiveResults.StationChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Server-sent events of the live results. On connecting: for listeners that asked for it, the national results
 * ({@code national}); {@code version} (the version the stream starts from); the quick count ({@code quick-count}, as
 * the media API gives it) once made. Then, for every batch of changes, the station contests that changed
 * ({@code stations}, {@code id} = the version), the quick count whenever it changed, and the national results again
 * for those that asked. The public pages do not ask for the national document (their script only listens to
 * {@code stations} and {@code quick-count}); the media stream does (docs/live-results.md).
 * <p>
 * Tens of thousands listen at once (issue 23), so nothing is made per listener: each batch of changes is encoded once
 * per election and view, as the bytes of its event ({@link Channel}), and every listener is sent those same bytes.
 * A listener holds only a cursor (the version it was last sent) and a sender (a virtual thread that sleeps until
 * told); a change only moves the channel on and wakes the senders, so a slow listener never holds up the others or
 * the tally. One that is behind by several changes when its sender runs again gets them merged into one
 * {@code stations} event (each station contest once, as it is now) and the national results once, never a backlog;
 * one behind by more than the channel keeps ({@value #RECENT} changes) is closed and reconnects (browsers do so by
 * themselves) from the current results.
 * <p>
 * The quick count is made apart, by one thread for all listeners, after changes and openings, as often as it can
 * (asks that come while it is being made are taken together in the next): its bootstrap takes ~0.1 s, and made on
 * each sender's thread it held up that listener's stations events by seconds (the sample's replay: verified → stream
 * p99 5.9 s).
 * <p>
 * Opening a stream reads nothing from the database: the channel and the tally are in memory.
 */
@Component
class ResultsStream implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ResultsStream.class);
    /** Changes a channel keeps encoded: a listener further behind than that (~13 s at the updater's pace) reconnects. */
    static final int RECENT = 256;
    /** A comment line now and then keeps proxies from closing a quiet stream. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);
    private static final MediaType EVENTS = MediaType.TEXT_EVENT_STREAM;
    private static final byte[] KEEP_ALIVE_FRAME = ":keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);

    /** One encoded batch of changes, sent as is to every listener one version behind. */
    record Frame(long version, java.time.Instant at, List<StationChange> stations, byte[] bytes) {
    }

    /** An encoded event and what it was made from (to know when it is to be made again). */
    private record Encoded(Object source, long version, byte[] bytes) {
    }

    /** What a sender is to write next: event bytes, in order; or that its listener is too far behind. */
    record Batch(List<byte[]> frames, long version, boolean tooFar) {

        static final Batch TOO_FAR = new Batch(List.of(), -1, true);
    }

    /**
     * What every listener of one election and view is sent, kept encoded: the newest {@value #RECENT} batches of
     * changes, the national results of the current version (made when first asked for, once) and the quick count.
     */
    final class Channel {

        final String electionId;
        final LiveResults.View view;
        private final ArrayDeque<Frame> recent = new ArrayDeque<>();
        /** The newest version sent out (a frame's, or the one the channel began at). */
        private long latest;
        /** The newest version no longer kept: a listener at or before it cannot be brought up to date with frames. */
        private long floor;
        /** Raised when the versions start again (the election imported again, its tally rebuilt): every cursor is void. */
        private long epoch;
        private Encoded merged;
        private final Object nationalLock = new Object();
        private volatile Encoded national;
        private volatile Encoded quickCount;
        final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
        /** How many frames and merged frames were encoded: once per change, not per listener (tests read it). */
        final AtomicLong encoded = new AtomicLong();

        Channel(String electionId, LiveResults.View view, long version) {
            this.electionId = electionId;
            this.view = view;
            this.latest = version;
            this.floor = version - 1;
        }

        /** A batch of changes, encoded once (the same bytes in every view), then the listeners woken (their senders write it). */
        void add(Frame frame) {
            encoded.incrementAndGet();
            synchronized (this) {
                if (frame.version() <= latest) { // a rebuilt tally counts from its start again
                    recent.clear();
                    merged = null;
                    epoch++;
                    floor = frame.version() - 1;
                }
                recent.addLast(frame);
                while (recent.size() > RECENT) {
                    floor = recent.removeFirst().version();
                }
                latest = frame.version();
            }
            listeners.forEach(Listener::wake);
        }

        synchronized long latest() {
            return latest;
        }

        synchronized long epoch() {
            return epoch;
        }

        /** The changes after {@code cursor}: none, the one frame as encoded, or those frames merged into one. */
        Batch since(long cursor, long epoch) {
            List<Frame> missed = new ArrayList<>();
            long to;
            synchronized (this) {
                to = latest;
                if (epoch != this.epoch) {
                    return Batch.TOO_FAR;
                }
                if (cursor >= to) {
                    return new Batch(List.of(), cursor, false);
                }
                if (cursor < floor) {
                    return Batch.TOO_FAR;
                }
                for (var it = recent.descendingIterator(); it.hasNext();) {
                    Frame f = it.next();
                    if (f.version() <= cursor) {
                        break;
                    }
                    missed.addFirst(f);
                }
                if (missed.size() > 1 && merged != null && (long) merged.source() == cursor && merged.version() == to) {
                    return new Batch(List.of(merged.bytes()), to, false);
                }
            }
            if (missed.isEmpty()) {
                return new Batch(List.of(), to, false);
            }
            if (missed.size() == 1) {
                return new Batch(List.of(missed.getFirst().bytes()), to, false);
            }
            // behind by several: one event with each station contest once, as it is now; listeners behind by as much
            // (they woke together) share it
            Map<String, StationChange> now = new LinkedHashMap<>();
            for (Frame f : missed) {
                for (StationChange s : f.stations()) {
                    String key = s.stationId() + "|" + s.contest();
                    now.remove(key);
                    now.put(key, s);
                }
            }
            Frame last = missed.getLast();
            byte[] bytes = stationsEvent(last.version(), missed.getFirst().version(), last.at(), List.copyOf(now.values()));
            encoded.incrementAndGet();
            synchronized (this) {
                merged = new Encoded(cursor, last.version(), bytes);
            }
            return new Batch(List.of(bytes), last.version(), false);
        }

        /** The national results' event, made once per version of the results. */
        byte[] national() {
            byte[] document = json.national(electionId, view).orElse(null);
            if (document == null) {
                return null;
            }
            Encoded n = national;
            if (n != null && n.source() == document) {
                return n.bytes();
            }
            synchronized (nationalLock) {
                n = national;
                if (n == null || n.source() != document) {
                    n = new Encoded(document, 0, event("national", null, document));
                    national = n;
                    encoded.incrementAndGet();
                }
                return n.bytes();
            }
        }

        /** Sets the quick count's event, and wakes the listeners when it changed. */
        void quickCount(byte[] document) {
            Encoded before = quickCount;
            if (before != null && Arrays.equals((byte[]) before.source(), document)) {
                return;
            }
            quickCount = new Encoded(document, before == null ? 1 : before.version() + 1, event("quick-count", null, document));
            listeners.forEach(Listener::wake);
        }

        Encoded quickCountEvent() {
            return quickCount;
        }
    }

    /** A listener: its cursors and its sender; nothing that grows with the results. */
    final class Listener {

        final Channel channel;
        final SseEmitter emitter;
        final boolean national;
        final AtomicBoolean due = new AtomicBoolean();
        volatile boolean open = true;
        long cursor;
        long epoch;
        long quickCountSent;
        Thread sender;

        Listener(Channel channel, SseEmitter emitter, boolean national) {
            this.channel = channel;
            this.emitter = emitter;
            this.national = national;
        }

        void wake() {
            if (!due.getAndSet(true)) {
                LockSupport.unpark(sender);
            }
        }

        /** Sleeps until woken (true) or the keep-alive is due (false). */
        private boolean await(long nanos) {
            long until = System.nanoTime() + nanos;
            while (!due.getAndSet(false)) {
                long left = until - System.nanoTime();
                if (left <= 0 || !open) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
            }
            return true;
        }
    }

    private final LiveResults live;
    private final ResultsJson json;
    private final QuickCountJson quickCounts;
    private final JsonMapper mapper;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final LiveResults.Subscription subscription;
    /** Elections whose quick count is to be made again for their listeners. */
    private final Set<String> quickCountDue = ConcurrentHashMap.newKeySet();
    private final Semaphore quickCountWake = new Semaphore(0);
    private final Thread quickCountMaker;

    ResultsStream(LiveResults live, ResultsJson json, QuickCountJson quickCounts, JsonMapper mapper) {
        this.live = live;
        this.json = json;
        this.quickCounts = quickCounts;
        this.mapper = mapper;
        this.quickCountMaker = Thread.ofPlatform().daemon().name("results-stream-quick-count").start(this::makeQuickCounts);
        this.subscription = live.subscribe(this::deliver);
    }

    /**
     * Opens a stream; nothing read from the database.
     *
     * @param national whether the national results are sent too, on connecting and after changes (the media stream's
     *                 default; on the public stream only when asked for: its pages do not read it)
     */
    SseEmitter open(String electionId, LiveResults.View view, boolean national) {
        // no time-out: election night is long; the client reconnects if the line drops
        return open(electionId, view, national, new SseEmitter(0L));
    }

    /** Opens a stream on the given emitter (tests give one that records what it is sent). */
    SseEmitter open(String electionId, LiveResults.View view, boolean national, SseEmitter emitter) {
        Channel channel = channel(electionId, view);
        Listener listener = new Listener(channel, emitter, national);
        emitter.onCompletion(() -> stop(listener));
        emitter.onTimeout(() -> stop(listener));
        emitter.onError(e -> stop(listener));
        listener.sender = Thread.ofVirtual().name("results-stream").unstarted(() -> send(listener));
        synchronized (channel) { // the cursor and the membership at one version: no change is missed or sent twice
            listener.cursor = channel.latest();
            listener.epoch = channel.epoch();
            channel.listeners.add(listener);
        }
        // the first events are given to the emitter here, on the request's thread, before it is initialised: Spring
        // writes them, committing the response, on this thread as it starts the async request. Written first by the
        // sender instead, the response was committed on another thread while this one still set its headers (seen
        // with thousands opening together: NullPointerExceptions in Tomcat's MimeHeaders, requests never answered)
        try {
            write(listener, first(listener));
        } catch (IOException e) {
            throw new IllegalStateException(e); // not before it is initialised: it only keeps them
        }
        listener.sender.start();
        quickCountDue(electionId); // made once for all who open together; sent now if it is already made
        return emitter;
    }

    /** What a listener is sent on connecting. */
    private List<byte[]> first(Listener l) {
        List<byte[]> first = new ArrayList<>(3);
        if (l.national) { // first, as it always came first on the media stream
            byte[] national = l.channel.national();
            if (national != null) {
                first.add(national);
            }
        }
        first.add(event("version", l.cursor, ("{\"version\":" + l.cursor + "}").getBytes(StandardCharsets.UTF_8)));
        quickCount(l, first);
        return first;
    }

    int listeners() {
        return channels.values().stream().mapToInt(c -> c.listeners.size()).sum();
    }

    /** The channel of an election and view (for tests: how often it encoded). */
    Channel channel(String electionId, LiveResults.View view) {
        return channels.computeIfAbsent(electionId + "|" + view, k -> new Channel(electionId, view, live.version(electionId)));
    }

    private void deliver(Change change) {
        boolean heard = false;
        Frame frame = null;
        for (LiveResults.View view : LiveResults.View.values()) {
            Channel c = channels.get(change.electionId() + "|" + view);
            if (c != null) {
                if (frame == null) {
                    frame = new Frame(change.version(), change.at(), change.stations(),
                            stationsEvent(change.version(), change.version(), change.at(), change.stations()));
                }
                c.add(frame);
                heard |= !c.listeners.isEmpty();
            }
        }
        if (heard) {
            quickCountDue(change.electionId());
        }
    }

    private void quickCountDue(String electionId) {
        quickCountDue.add(electionId);
        quickCountWake.release();
    }

    /** The quick-count thread: makes each due election's quick count and hands it to its channels. */
    private void makeQuickCounts() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                quickCountWake.acquire();
                quickCountWake.drainPermits(); // what asked meanwhile is in quickCountDue: one making serves them all
            } catch (InterruptedException e) {
                return;
            }
            for (String electionId : List.copyOf(quickCountDue)) {
                quickCountDue.remove(electionId);
                try {
                    quickCounts.current(electionId).ifPresent(made -> {
                        for (LiveResults.View view : LiveResults.View.values()) {
                            Channel c = channels.get(electionId + "|" + view);
                            if (c != null) {
                                c.quickCount(made.json());
                            }
                        }
                    });
                } catch (RuntimeException e) {
                    log.warn("quick count of {} not made for the stream", electionId, e); // tried again after the next change
                }
            }
        }
    }

    private void send(Listener l) {
        Channel c = l.channel;
        try {
            while (l.open) {
                boolean woke = l.await(KEEP_ALIVE.toNanos());
                if (!l.open) {
                    return;
                }
                Batch batch = c.since(l.cursor, l.epoch);
                if (batch.tooFar()) {
                    l.emitter.complete(); // it reconnects and starts from the current results
                    stop(l);
                    return;
                }
                List<byte[]> out = new ArrayList<>(batch.frames());
                if (!out.isEmpty()) {
                    l.cursor = batch.version();
                    if (l.national) {
                        byte[] national = c.national();
                        if (national != null) {
                            out.add(national);
                        }
                    }
                }
                quickCount(l, out);
                if (out.isEmpty() && !woke) {
                    out.add(KEEP_ALIVE_FRAME);
                }
                write(l, out);
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away: thousands of times on election night, so one line at DEBUG, no stack trace
            log.debug("results stream of {} closed: {}", c.electionId, e.toString());
            stop(l);
        }
    }

    /** Adds the quick count's event when this listener has not had it as it is now. */
    private static void quickCount(Listener l, List<byte[]> out) {
        Encoded quick = l.channel.quickCountEvent();
        if (quick != null && quick.version() != l.quickCountSent) {
            l.quickCountSent = quick.version();
            out.add(quick.bytes());
        }
    }

    /** The events' bytes as they are (already encoded), flushed once. */
    private static void write(Listener l, List<byte[]> frames) throws IOException {
        if (frames.isEmpty()) {
            return;
        }
        Set<DataWithMediaType> items = new LinkedHashSet<>();
        for (byte[] f : frames) {
            items.add(new DataWithMediaType(f, EVENTS));
        }
        l.emitter.send(items);
    }

    private byte[] stationsEvent(long version, long from, java.time.Instant at, List<StationChange> stations) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", version);
        data.put("from", from);
        data.put("at", at.toString());
        data.put("stations", stations);
        return event("stations", version, mapper.writeValueAsBytes(data));
    }

    /** One server-sent event: {@code event:}, {@code id:} when given, one {@code data:} line (JSON has no line breaks). */
    static byte[] event(String name, Long id, byte[] data) {
        byte[] head = ("event:" + name + "\n" + (id == null ? "" : "id:" + id + "\n") + "data:").getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(head, head.length + data.length + 2);
        System.arraycopy(data, 0, out, head.length, data.length);
        out[out.length - 2] = '\n';
        out[out.length - 1] = '\n';
        return out;
    }

    private void stop(Listener l) {
        l.open = false;
        if (l.channel.listeners.remove(l)) {
            LockSupport.unpark(l.sender);
        }
    }

    @Override
    public void destroy() {
        subscription.close();
        quickCountMaker.interrupt();
        channels.values().forEach(c -> c.listeners.forEach(l -> {
            stop(l);
            try {
                l.emitter.complete();
            } catch (IllegalStateException alreadyGone) {
                // at shutdown the web server may have closed the connection and recycled its response first
            }
        }));
    }
}
