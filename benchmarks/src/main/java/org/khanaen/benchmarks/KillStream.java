package org.khanaen.benchmarks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A stream of work sent by concurrent clients that retry as phones and Stripe do, while the node is killed with
 * SIGKILL part-way and started again on the same schema and port. Each job is a sequence of steps, each step one
 * request (built afresh for every attempt, so a signature is dated when it is sent) retried on a connection error
 * or a 5xx answer, with a short backoff, until it is answered 2xx; any other answer is a failure of the drill.
 */
final class KillStream {

    /** One request of a job; {@code request} is called for every attempt. */
    record Step(String name, Supplier<HttpRequest> request) {
    }

    /**
     * @param requests    requests made, attempts included
     * @param retries     attempts after the first of a step (connection errors, 5xx)
     * @param answers     the final answer of each step by name and status, e.g. {@code report 201}
     * @param failures    steps refused with a 4xx or given up
     * @param killAt      seconds from the start of the stream to the kill
     * @param exitCode    the killed node's exit code (137: SIGKILL)
     * @param restart     seconds from the kill until the new node was healthy
     * @param stepsBefore steps answered when the kill came
     * @param seconds     the whole stream
     */
    record Outcome(long steps, long requests, long retries, Map<String, Long> answers, List<String> failures, double killAt, int exitCode,
            double restart, long stepsBefore, double seconds, Map<String, Long> retriedOn) {
    }

    /** What strikes part-way through the stream (the node killed, the database server killed, …) and the way back. */
    interface Fault {

        /** Strikes, waits until the application is healthy again; what was killed and how long it took. */
        Struck strike() throws Exception;
    }

    /**
     * @param exitCode the killed process's exit code (137: SIGKILL)
     * @param recovery seconds from the strike until the application was healthy again
     */
    record Struck(int exitCode, double recovery) {
    }

    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(240);

    private KillStream() {
    }

    /** Sends every job; when {@code killFraction} of all steps are answered, kills the node and starts a new one. */
    static Outcome run(ChildApp node, List<List<Step>> jobs, int clients, double killFraction, Callable<?> beforeKill) throws Exception {
        return run(jobs, clients, killFraction, () -> {
            beforeKill.call();
            long at = System.nanoTime();
            int exit = node.kill();
            node.start();
            return new Struck(exit, (System.nanoTime() - at) / 1e9);
        });
    }

    /** Sends every job; when {@code fraction} of all steps are answered, the fault strikes while the clients go on. */
    static Outcome run(List<List<Step>> jobs, int clients, double fraction, Fault fault) throws Exception {
        long steps = jobs.stream().mapToLong(List::size).sum();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger next = new AtomicInteger();
        AtomicLong answered = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
        Map<String, AtomicLong> retriedOn = new ConcurrentHashMap<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        double[] kill = new double[3]; // at, exit code, restart seconds
        long[] before = new long[1];
        try (ExecutorService pool = Executors.newFixedThreadPool(clients + 1)) {
            Future<?> killer = pool.submit(() -> {
                while (answered.get() < fraction * steps) {
                    Thread.sleep(5);
                }
                before[0] = answered.get();
                kill[0] = (System.nanoTime() - start) / 1e9;
                Struck struck = fault.strike();
                kill[1] = struck.exitCode();
                kill[2] = struck.recovery();
                return null;
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < jobs.size(); i = next.getAndIncrement()) {
                        for (Step step : jobs.get(i)) {
                            String outcome = send(http, step, requests, retries, retriedOn);
                            answers.computeIfAbsent(step.name() + " " + outcome, k -> new AtomicLong()).incrementAndGet();
                            if (!outcome.startsWith("2")) {
                                failures.add(step.name() + " of job " + i + ": " + outcome);
                            }
                            answered.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            killer.get(5, TimeUnit.MINUTES);
        }
        Map<String, Long> counted = new java.util.TreeMap<>();
        answers.forEach((k, v) -> counted.put(k, v.get()));
        Map<String, Long> causes = new java.util.TreeMap<>();
        retriedOn.forEach((k, v) -> causes.put(k, v.get()));
        return new Outcome(steps, requests.get(), retries.get(), counted, failures, kill[0], (int) kill[1], kill[2], before[0],
                (System.nanoTime() - start) / 1e9, causes);
    }

    /** The step's final status (2xx), or a 4xx with its body, or "gave up". */
    private static String send(HttpClient http, Step step, AtomicLong requests, AtomicLong retries, Map<String, AtomicLong> retriedOn)
            throws InterruptedException {
        long begin = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                retries.incrementAndGet();
                long backoff = Math.min(500, 25L << Math.min(attempt, 5));
                Thread.sleep(backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
            }
            if (System.nanoTime() - begin > GIVE_UP_NANOS) {
                return "gave up after " + attempt + " attempts";
            }
            requests.incrementAndGet();
            try {
                HttpResponse<String> answer = http.send(step.request().get(), HttpResponse.BodyHandlers.ofString());
                int status = answer.statusCode();
                if (status >= 200 && status < 300) {
                    return String.valueOf(status);
                }
                if (status < 500) {
                    return status + " " + answer.body();
                }
                retriedOn.computeIfAbsent(String.valueOf(status), k -> new AtomicLong()).incrementAndGet();
            } catch (IOException e) {
                // the node is gone or going, or too slow to answer: try again
                retriedOn.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
            }
        }
    }
}
