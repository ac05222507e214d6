package org.khanaen.web.live;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.khanaen.results.LiveResults;
import org.khanaen.results.LiveResults.Change;
import org.khanaen.results.LiveResults.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of the live results: on connecting, the current national results ({@code national}); then, for
 * every batch of changes, the stations that changed ({@code stations}) and the national results again; and the quick
 * count ({@code quick-count}, as the media API gives it) on connecting and whenever it changed. Each listener
 * has its own small queue and sender (a virtual thread), so a slow one never holds up the others or the tally; one
 * that falls too far behind is closed and reconnects (browsers do so by themselves).
 * <p>
 * The quick count is made apart, by one thread for all listeners, after changes, as often as it can (changes that come
 * while it is being made are taken together in the next): its bootstrap takes ~0.1 s, and made on each sender's
 * thread it held up that listener's stations events by seconds (the sample's replay: verified → stream p99 5.9 s).
 */
@Component
class ResultsStream implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ResultsStream.class);
    private static final int BACKLOG = 64;
    /** A comment line now and then keeps proxies from closing a quiet stream. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);

    /** @param quickCount the quick count last sent to this listener, so an unchanged one is not sent again */
    private record Listener(String electionId, LiveResults.View view, SseEmitter emitter, BlockingQueue<Object> queue,
            AtomicReference<QuickCountJson.Made> quickCount) {
    }

    private static final Object CLOSE = new Object();

    private final ResultsJson json;
    private final QuickCountJson quickCounts;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final LiveResults.Subscription subscription;
    /** Elections whose quick count is to be made again for their listeners. */
    private final Set<String> quickCountDue = ConcurrentHashMap.newKeySet();
    private final Semaphore quickCountWake = new Semaphore(0);
    private final Thread quickCountMaker;

    ResultsStream(LiveResults live, ResultsJson json, QuickCountJson quickCounts) {
        this.json = json;
        this.quickCounts = quickCounts;
        this.quickCountMaker = Thread.ofPlatform().daemon().name("results-stream-quick-count").start(this::makeQuickCounts);
        this.subscription = live.subscribe(this::deliver);
    }

    SseEmitter open(String electionId, LiveResults.View view) {
        SseEmitter emitter = new SseEmitter(0L); // no time-out: election night is long; the client reconnects if the line drops
        Listener listener = new Listener(electionId, view, emitter, new ArrayBlockingQueue<>(BACKLOG), new AtomicReference<>());
        listeners.add(listener);
        emitter.onCompletion(() -> stop(listener));
        emitter.onTimeout(() -> stop(listener));
        emitter.onError(e -> stop(listener));
        listener.queue().add(Boolean.TRUE); // the current national results first
        Thread.ofVirtual().name("results-stream").start(() -> send(listener));
        quickCountDue(electionId); // then the quick count, once made
        return emitter;
    }

    int listeners() {
        return listeners.size();
    }

    private void deliver(Change change) {
        boolean heard = false;
        for (Listener l : listeners) {
            if (l.electionId().equals(change.electionId())) {
                offer(l, change);
                heard = true;
            }
        }
        if (heard) {
            quickCountDue(change.electionId());
        }
    }

    private static void offer(Listener l, Object item) {
        if (!l.queue().offer(item)) {
            l.queue().clear();
            l.queue().offer(CLOSE); // too far behind: it will reconnect and start from the current results
        }
    }

    private void quickCountDue(String electionId) {
        quickCountDue.add(electionId);
        quickCountWake.release();
    }

    /** The quick-count thread: makes each due election's quick count and hands it to its listeners' queues. */
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
                    quickCounts.current(electionId).ifPresent(made -> listeners.stream()
                            .filter(l -> l.electionId().equals(electionId)).forEach(l -> offer(l, made)));
                } catch (RuntimeException e) {
                    log.warn("quick count of {} not made for the stream", electionId, e); // tried again after the next change
                }
            }
        }
    }

    private void send(Listener l) {
        try {
            while (listeners.contains(l)) {
                Object next = l.queue().poll(KEEP_ALIVE.toSeconds(), TimeUnit.SECONDS);
                if (next == null) {
                    l.emitter().send(SseEmitter.event().comment("keep-alive"));
                } else if (next == CLOSE) {
                    l.emitter().complete();
                    return;
                } else {
                    if (next instanceof QuickCountJson.Made quick) {
                        if (l.quickCount().get() == null || !java.util.Arrays.equals(quick.json(), l.quickCount().get().json())) {
                            l.quickCount().set(quick);
                            l.emitter().send(SseEmitter.event().name("quick-count")
                                    .data(new String(quick.json(), java.nio.charset.StandardCharsets.UTF_8), MediaType.APPLICATION_JSON));
                        }
                        continue;
                    }
                    if (next instanceof Change change) {
                        l.emitter().send(SseEmitter.event().name("stations").id(String.valueOf(change.version()))
                                .data(Map.of("version", change.version(), "at", change.at().toString(), "stations", change.stations()),
                                        MediaType.APPLICATION_JSON));
                    }
                    byte[] national = json.national(l.electionId(), l.view()).orElse(null);
                    if (national != null) {
                        l.emitter().send(SseEmitter.event().name("national")
                                .data(new String(national, java.nio.charset.StandardCharsets.UTF_8), MediaType.APPLICATION_JSON));
                    }
                }
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away: thousands of times on election night, so one line at DEBUG, no stack trace
            log.debug("results stream of {} closed: {}", l.electionId(), e.toString());
            stop(l);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop(Listener l) {
        if (listeners.remove(l)) {
            l.queue().clear();
            l.queue().offer(CLOSE);
        }
    }

    @Override
    public void destroy() {
        subscription.close();
        quickCountMaker.interrupt();
        listeners.forEach(l -> {
            stop(l);
            try {
                l.emitter().complete();
            } catch (IllegalStateException alreadyGone) {
                // at shutdown the web server may have closed the connection and recycled its response first
            }
        });
    }
}
