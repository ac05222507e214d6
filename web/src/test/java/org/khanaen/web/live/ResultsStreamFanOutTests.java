package org.khanaen.web.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.khanaen.results.LiveResults;
import org.khanaen.results.LiveResults.Change;
import org.khanaen.results.LiveResults.StationChange;
import org.khanaen.results.WarRoom.ContestState;
import org.mockito.ArgumentCaptor;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.json.JsonMapper;

/**
 * The stream's fan-out (issue 23): each change encoded once for every listener, a listener behind by several changes
 * sent one merged event, a slow one holding up nobody, one too far behind closed, the national document only for those
 * who asked. No web server: the listeners' emitters record what they are sent.
 */
class ResultsStreamFanOutTests {

    private static final String ELECTION = "th-2566";

    /** An emitter that records the events it is sent (the same byte arrays), and can be held in its next send. */
    static final class Recording extends SseEmitter {

        final List<byte[]> sent = new CopyOnWriteArrayList<>();
        volatile CountDownLatch hold;
        volatile CountDownLatch held = new CountDownLatch(1);
        volatile boolean completed;

        Recording() {
            super(0L);
        }

        @Override
        public void send(Set<DataWithMediaType> items) throws IOException {
            CountDownLatch h = hold;
            if (h != null) {
                held.countDown();
                try {
                    h.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            items.forEach(i -> sent.add((byte[]) i.getData()));
        }

        @Override
        public void complete() {
            completed = true;
        }

        List<String> names() {
            return sent.stream().map(b -> new String(b, StandardCharsets.UTF_8)).map(t -> t.startsWith("event:") ? t.substring(6, t.indexOf('\n')) : t.strip())
                    .toList();
        }

        List<byte[]> named(String name) {
            return sent.stream().filter(b -> new String(b, StandardCharsets.UTF_8).startsWith("event:" + name + "\n")).toList();
        }
    }

    private LiveResults live;
    private ResultsJson json;
    private ResultsStream stream;
    private Consumer<Change> tally;
    private long version = 100;
    private final JsonMapper mapper = JsonMapper.builder().build();

    @BeforeEach
    @SuppressWarnings("unchecked")
    void stream() {
        live = mock(LiveResults.class);
        json = mock(ResultsJson.class);
        QuickCountJson quickCounts = mock(QuickCountJson.class);
        given(live.version(ELECTION)).willReturn(version);
        given(live.subscribe(any())).willReturn(() -> { });
        given(json.national(anyString(), any())).willReturn(Optional.of("{\"national\":true}".getBytes(StandardCharsets.UTF_8)));
        given(quickCounts.current(anyString())).willReturn(Optional.empty());
        stream = new ResultsStream(live, json, quickCounts, mapper);
        ArgumentCaptor<Consumer<Change>> subscriber = ArgumentCaptor.forClass(Consumer.class);
        verify(live).subscribe(subscriber.capture());
        tally = subscriber.getValue();
    }

    @AfterEach
    void close() {
        stream.destroy();
    }

    private void change(long... stations) {
        version++;
        List<StationChange> changed = new ArrayList<>();
        for (long s : stations) {
            changed.add(new StationChange(s, "BKK_1", "BKK", "party-list", ContestState.VERIFIED, (int) version));
        }
        tally.accept(new Change(ELECTION, version, Instant.now(), changed));
    }

    private static void await(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(until);
            Thread.sleep(5);
        }
    }

    @Test
    void aChangeIsEncodedOnceAndEveryListenerIsSentTheSameBytes() throws Exception {
        List<Recording> listeners = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Recording r = new Recording();
            stream.open(ELECTION, LiveResults.View.VERIFIED, false, r);
            listeners.add(r);
        }
        await("every listener had its first event", () -> listeners.stream().allMatch(r -> !r.sent.isEmpty()));
        assertThat(listeners.getFirst().names()).containsExactly("version");

        change(1, 2);
        await("every listener had the change", () -> listeners.stream().allMatch(r -> r.named("stations").size() == 1));
        byte[] first = listeners.getFirst().named("stations").getFirst();
        assertThat(listeners).allSatisfy(r -> assertThat(r.named("stations").getFirst()).isSameAs(first));
        assertThat(stream.channel(ELECTION, LiveResults.View.VERIFIED).encoded.get()).as("encoded once for 500 listeners").isEqualTo(1);
        assertThat(new String(first, StandardCharsets.UTF_8)).startsWith("event:stations\nid:101\ndata:{\"version\":101,\"from\":101,\"at\":")
                .contains("\"stationId\":1").contains("\"stationId\":2").endsWith("}\n\n");
        // the public stream does not ask for the national document: it is neither made nor sent
        assertThat(listeners).allSatisfy(r -> assertThat(r.named("national")).isEmpty());
        verify(json, never()).national(anyString(), any());
    }

    @Test
    void aListenerBehindBySeveralChangesGetsOneMergedEventAndHoldsUpNobody() throws Exception {
        Recording slow = new Recording(), fast = new Recording();
        stream.open(ELECTION, LiveResults.View.VERIFIED, false, slow);
        stream.open(ELECTION, LiveResults.View.VERIFIED, false, fast);
        await("both connected", () -> !slow.sent.isEmpty() && !fast.sent.isEmpty());
        slow.hold = new CountDownLatch(1); // its connection is stuck: its next write does not return

        change(1);
        assertThat(slow.held.await(5, TimeUnit.SECONDS)).isTrue();
        change(2, 3);
        change(3, 4);
        change(5);
        // (it may have had some of them merged too: they come faster than it wakes)
        await("the fast listener is up to date while the slow one is stuck", () -> !fast.named("stations").isEmpty()
                && new String(fast.named("stations").getLast(), StandardCharsets.UTF_8).startsWith("event:stations\nid:104\n"));

        slow.hold.countDown();
        await("the slow listener catches up", () -> slow.named("stations").size() == 2);
        String merged = new String(slow.named("stations").get(1), StandardCharsets.UTF_8);
        assertThat(merged).startsWith("event:stations\nid:104\ndata:{\"version\":104,\"from\":102,");
        var data = mapper.readTree(merged.substring(merged.indexOf("data:") + 5).strip());
        List<Long> ids = new ArrayList<>();
        int versionOfThree = -1;
        for (var s : data.get("stations")) {
            ids.add(s.get("stationId").asLong());
            if (s.get("stationId").asLong() == 3) {
                versionOfThree = s.get("version").asInt();
            }
        }
        assertThat(ids).as("each station contest once, as it is now").containsExactlyInAnyOrder(2L, 3L, 4L, 5L);
        assertThat(versionOfThree).isEqualTo(103);
        Thread.sleep(100);
        assertThat(slow.named("stations")).as("no backlog after the merged event").hasSize(2);
    }

    @Test
    void aListenerTooFarBehindIsClosedAndReconnects() throws Exception {
        Recording slow = new Recording(), fast = new Recording();
        stream.open(ELECTION, LiveResults.View.VERIFIED, false, slow);
        stream.open(ELECTION, LiveResults.View.VERIFIED, false, fast);
        await("both connected", () -> !slow.sent.isEmpty() && !fast.sent.isEmpty());
        slow.hold = new CountDownLatch(1);
        change(1);
        assertThat(slow.held.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < ResultsStream.RECENT + 5; i++) {
            change(10 + i);
        }
        slow.hold.countDown();
        await("closed", () -> slow.completed);
        assertThat(stream.listeners()).isEqualTo(1);
        assertThat(fast.completed).isFalse();
    }

    @Test
    void theNationalDocumentOnlyForThoseWhoAskedMadeOncePerVersion() throws Exception {
        List<Recording> national = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Recording r = new Recording();
            stream.open(ELECTION, LiveResults.View.VERIFIED, true, r);
            national.add(r);
        }
        Recording plain = new Recording();
        stream.open(ELECTION, LiveResults.View.VERIFIED, false, plain);
        await("connected", () -> national.stream().allMatch(r -> !r.sent.isEmpty()) && !plain.sent.isEmpty());
        assertThat(national.getFirst().names()).containsExactly("national", "version");
        change(7);
        await("the change and the national results after it", () -> national.stream().allMatch(r -> r.named("national").size() == 2));
        assertThat(national.getFirst().names()).containsExactly("national", "version", "stations", "national");
        byte[] document = national.getFirst().named("national").get(1);
        assertThat(national).allSatisfy(r -> assertThat(r.named("national").get(1)).isSameAs(document));
        await("the plain listener has the change", () -> plain.named("stations").size() == 1);
        assertThat(plain.names()).containsExactly("version", "stations");
    }
}
