package org.khanaen.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Many subscribers of a results stream in one process, for {@link SubscribersBench}: raw non-blocking sockets on one
 * selector thread (a thread or an HTTP client per connection does not reach tens of thousands), each reading the
 * server-sent events of {@code GET path} (HTTP/1.1, chunked). A process holds at most as many as its file descriptor
 * limit allows (20,000 on the benchmark machine, not to be raised there), hence several such processes.
 * <p>
 * {@code java … SubscriberClient host port path count out}: opens {@code count} connections at once, prints
 * {@code READY opened failed} when each has its first event or failed (or after 120 s), then reads until a line
 * {@code STOP} on standard input, writes what it saw to {@code out} and prints {@code DONE}. The file: one line per
 * connection {@code c <first-event micros or -1> <status> <closed by server 0/1> <error>}, then one per
 * {@code stations} event received {@code s <connection> <version> <from> <its at, epoch micros> <received, epoch micros>}.
 * <p>
 * With a sixth argument {@code summary} (a long night: millions of events, too many to keep one line each) the events
 * are counted in the process instead: each {@code c} line ends with {@code <newest version received> <stations events>},
 * then {@code h <ms> <events>} per millisecond of delivery (its at → received) that occurred, and one line
 * {@code t <events> <merged from several versions> <max delivery micros>}. {@link Handle} starts such a process.
 */
public final class SubscriberClient {

    /** Delivery times counted per millisecond up to this; later ones in the last bucket (the maximum is kept apart). */
    private static final int HISTOGRAM_MS = 120_000;
    private static boolean summary;
    /**
     * How far the app's clock runs ahead of this machine's (the rehearsal runs the app on the 2023 election day): the
     * events' {@code at} is the app's, so the delivery is measured against it moved back by this much.
     */
    public static final String CLOCK_AHEAD = "khanaen.bench.app-clock-ahead-ms";
    private static final long AHEAD_MICROS = Long.getLong(CLOCK_AHEAD, 0) * 1000;
    private static final long[] histogram = new long[HISTOGRAM_MS + 1];
    private static long summaryEvents, summaryMerged, summaryMaxMicros;

    private static final int LINE = 200; // the start of a line is all that is read: {"version":…,"from":…,"at":"…"

    /** One connection: where its bytes stand (the HTTP head, the chunk framing, the current line). */
    static final class Conn {
        final int index;
        long started;
        long firstEvent = -1;
        int status;
        boolean closed;
        String error = "";
        // parsing
        int headEnd; // matched bytes of \r\n\r\n
        final StringBuilder head = new StringBuilder();
        boolean inBody;
        long chunkLeft = -1; // -1: reading a size line
        final StringBuilder sizeLine = new StringBuilder();
        int skipCrLf;
        final byte[] line = new byte[LINE];
        int lineLength;
        String event;
        String data;
        long newest = -1;
        long events;

        Conn(int index) {
            this.index = index;
        }
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String path = args[2];
        int count = Integer.parseInt(args[3]);
        Path out = Path.of(args[4]);
        summary = args.length > 5 && args[5].equals("summary");
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAccept: text/event-stream\r\n"
                + "User-Agent: khanaen-bench\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        List<String> events = new ArrayList<>();
        Conn[] conns = new Conn[count];
        AtomicBoolean stop = new AtomicBoolean();
        Thread.ofPlatform().daemon().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String l = in.readLine(); l != null; l = in.readLine()) {
                    if (l.strip().equals("STOP")) {
                        break;
                    }
                }
            } catch (IOException ignored) {
                // the bench went away: stop too
            }
            stop.set(true);
        });
        PrintStream say = System.out;
        try (Selector selector = Selector.open()) {
            InetSocketAddress address = new InetSocketAddress(host, port);
            for (int i = 0; i < count; i++) {
                Conn c = conns[i] = new Conn(i);
                c.started = System.nanoTime();
                try {
                    SocketChannel ch = SocketChannel.open();
                    ch.configureBlocking(false);
                    ch.setOption(StandardSocketOptions.SO_RCVBUF, 16 * 1024);
                    if (ch.connect(address)) {
                        ch.register(selector, SelectionKey.OP_WRITE, c);
                    } else {
                        ch.register(selector, SelectionKey.OP_CONNECT, c);
                    }
                } catch (IOException e) {
                    c.error = e.getClass().getSimpleName() + ":" + String.valueOf(e.getMessage()).replace(' ', '_');
                    c.closed = true;
                }
                if (i % 500 == 499) {
                    selector.selectNow(); // take up what is ready meanwhile, so early ones are not held up by later connects
                    handle(selector, request, events);
                }
            }
            ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
            boolean ready = false;
            long readyBy = System.nanoTime() + 120_000_000_000L;
            while (!stop.get()) {
                selector.select(200);
                handleAll(selector, request, buffer, events);
                if (!ready) {
                    int opened = 0, failed = 0;
                    for (Conn c : conns) {
                        if (c.firstEvent >= 0) {
                            opened++;
                        } else if (c.closed) {
                            failed++;
                        }
                    }
                    if (opened + failed == count || System.nanoTime() > readyBy) {
                        ready = true;
                        say.println("READY " + opened + " " + failed);
                        say.flush();
                    }
                }
            }
            StringBuilder text = new StringBuilder();
            for (Conn c : conns) {
                text.append("c ").append(c.firstEvent).append(' ').append(c.status).append(' ').append(c.closed ? 1 : 0).append(' ')
                        .append(c.error.isEmpty() ? "-" : c.error);
                if (summary) {
                    text.append(' ').append(c.newest).append(' ').append(c.events);
                }
                text.append('\n');
            }
            if (summary) {
                for (int ms = 0; ms < histogram.length; ms++) {
                    if (histogram[ms] > 0) {
                        text.append("h ").append(ms).append(' ').append(histogram[ms]).append('\n');
                    }
                }
                text.append("t ").append(summaryEvents).append(' ').append(summaryMerged).append(' ').append(summaryMaxMicros).append('\n');
            }
            synchronized (events) {
                events.forEach(e -> text.append(e).append('\n'));
            }
            Files.writeString(out, text);
            for (SelectionKey k : selector.keys()) {
                k.channel().close();
            }
        }
        say.println("DONE");
        say.flush();
        System.exit(0);
    }

    private static ByteBuffer shared;

    private static void handle(Selector selector, byte[] request, List<String> events) throws IOException {
        if (shared == null) {
            shared = ByteBuffer.allocateDirect(64 * 1024);
        }
        handleAll(selector, request, shared, events);
    }

    private static void handleAll(Selector selector, byte[] request, ByteBuffer buffer, List<String> events) throws IOException {
        var it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            Conn c = (Conn) key.attachment();
            SocketChannel ch = (SocketChannel) key.channel();
            try {
                if (key.isConnectable()) {
                    ch.finishConnect();
                    key.interestOps(SelectionKey.OP_WRITE);
                }
                if (key.isValid() && key.isWritable()) {
                    ch.write(ByteBuffer.wrap(request)); // a hundred bytes: one write takes them on a fresh connection
                    key.interestOps(SelectionKey.OP_READ);
                } else if (key.isValid() && key.isReadable()) {
                    buffer.clear();
                    int n = ch.read(buffer);
                    if (n < 0) {
                        c.closed = true;
                        if (c.error.isEmpty()) {
                            c.error = "closed-by-server";
                        }
                        key.cancel();
                        ch.close();
                        continue;
                    }
                    buffer.flip();
                    Instant now = Instant.now();
                    long received = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
                    while (buffer.hasRemaining()) {
                        read(c, buffer.get(), received, events);
                    }
                }
            } catch (IOException e) {
                c.closed = true;
                c.error = e.getClass().getSimpleName() + ":" + String.valueOf(e.getMessage()).replace(' ', '_');
                key.cancel();
                ch.close();
            }
        }
    }

    /** One byte of the answer: through the HTTP head, then the chunk framing, into the events' lines. */
    private static void read(Conn c, byte b, long received, List<String> events) {
        if (!c.inBody) {
            c.head.append((char) b);
            c.headEnd = (b == '\r' && (c.headEnd == 0 || c.headEnd == 2)) || (b == '\n' && (c.headEnd == 1 || c.headEnd == 3))
                    ? c.headEnd + 1 : 0;
            if (c.headEnd == 4) {
                c.inBody = true;
                String head = c.head.toString();
                c.status = Integer.parseInt(head.substring(9, 12));
                if (!head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                    c.chunkLeft = Long.MAX_VALUE; // not chunked: the body as it comes
                }
                c.head.setLength(0);
            }
            return;
        }
        if (c.skipCrLf > 0) {
            c.skipCrLf--;
            return;
        }
        if (c.chunkLeft < 0) {
            if (b == '\n') {
                String size = c.sizeLine.toString().strip();
                int semi = size.indexOf(';');
                c.chunkLeft = Long.parseLong(semi < 0 ? size : size.substring(0, semi), 16);
                c.sizeLine.setLength(0);
                if (c.chunkLeft == 0) {
                    c.closed = true; // the last chunk: the server ended the stream
                    c.error = "ended-by-server";
                }
            } else {
                c.sizeLine.append((char) b);
            }
            return;
        }
        if (--c.chunkLeft == 0) {
            c.chunkLeft = -1;
            c.skipCrLf = 2;
        }
        line(c, b, received, events);
    }

    private static void line(Conn c, byte b, long received, List<String> events) {
        if (b != '\n') {
            if (c.lineLength < LINE) {
                c.line[c.lineLength] = b;
            }
            c.lineLength++;
            return;
        }
        String text = new String(c.line, 0, Math.min(c.lineLength, LINE), StandardCharsets.UTF_8);
        c.lineLength = 0;
        if (text.isEmpty()) { // the end of an event
            if (c.event != null) {
                if (c.firstEvent < 0) {
                    c.firstEvent = (System.nanoTime() - c.started) / 1000;
                }
                if (c.event.equals("stations") && c.data != null) {
                    long version = number(c.data, "\"version\":");
                    long from = number(c.data, "\"from\":");
                    int at = c.data.indexOf("\"at\":\"");
                    if (at >= 0) {
                        Instant when = Instant.parse(c.data.substring(at + 6, c.data.indexOf('"', at + 6)));
                        if (summary) { // one selector thread: no locking needed
                            long micros = Math.max(0, received - (when.getEpochSecond() * 1_000_000 + when.getNano() / 1000 - AHEAD_MICROS));
                            histogram[(int) Math.min(HISTOGRAM_MS, micros / 1000)]++;
                            summaryMaxMicros = Math.max(summaryMaxMicros, micros);
                            summaryEvents++;
                            summaryMerged += from != version ? 1 : 0;
                            c.newest = Math.max(c.newest, version);
                            c.events++;
                        } else {
                            String e = "s " + c.index + " " + version + " " + from + " " + (when.getEpochSecond() * 1_000_000 + when.getNano() / 1000)
                                    + " " + received;
                            synchronized (events) {
                                events.add(e);
                            }
                        }
                    }
                }
            }
            c.event = null;
            c.data = null;
        } else if (text.startsWith("event:")) {
            c.event = text.substring(6).strip();
        } else if (text.startsWith("data:")) {
            c.data = text.substring(5);
        }
    }

    /**
     * A client process in summary mode, started from this JVM (the rehearsal's audience): its connections are opened at
     * once; {@link #awaitReady()} when each has its first event or failed, {@link #stop()} for its file.
     */
    public static final class Handle implements AutoCloseable {

        private final Process process;
        private final BufferedReader out;
        private final PrintWriter in;
        private final Path file;

        private Handle(Process process, Path file) {
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            this.file = file;
        }

        /** @param heap the client's -Xmx (e.g. "256m": a connection holds a few hundred bytes) */
        public static Handle start(String host, int port, String path, int count, String heap) throws IOException {
            Path file = Files.createTempFile("khanaen-readers-", ".txt");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
                    "-D" + CLOCK_AHEAD + "=" + Long.getLong(CLOCK_AHEAD, 0),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", ChildApp.classPath(), SubscriberClient.class.getName(), host,
                    String.valueOf(port), path, String.valueOf(count), file.toString(), "summary")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new Handle(p, file);
        }

        /** Blocks until the process says READY: {opened, failed}. */
        public int[] awaitReady() throws IOException, InterruptedException {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("READY")) {
                    String[] p = line.split(" ");
                    return new int[] { Integer.parseInt(p[1]), Integer.parseInt(p[2]) };
                }
            }
            throw new IllegalStateException("a reader client stopped (exit " + process.waitFor() + ")");
        }

        public long pid() {
            return process.pid();
        }

        /** Tells it to stop; its file (the caller reads and deletes it). */
        public Path stop() throws IOException, InterruptedException {
            in.println("STOP");
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("DONE")) {
                    break;
                }
            }
            process.waitFor();
            return file;
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    private static long number(String data, String name) {
        int i = data.indexOf(name);
        if (i < 0) {
            return -1;
        }
        int j = i + name.length();
        int k = j;
        while (k < data.length() && (Character.isDigit(data.charAt(k)) || data.charAt(k) == '-')) {
            k++;
        }
        return Long.parseLong(data.substring(j, k));
    }
}
