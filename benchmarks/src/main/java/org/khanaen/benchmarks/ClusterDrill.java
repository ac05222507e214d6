package org.khanaen.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.khanaen.benchmarks.replay.Replay;
import org.khanaen.platform.mail.MailMessage;
import org.khanaen.platform.mail.MailOutbox;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * {@code ./khanaen drill cluster}: election night on the local cluster ({@code scripts/cluster}: 3 Galera nodes, S3,
 * 2 app nodes, HAProxy), with a machine of each kind lost mid-stream. The commission's two-province sample
 * ({@code reference/ect-2566/sample_results_2_provinces.json}) is replayed with photos across both app nodes in turn by
 * retrying clients; when 40% of the reports are stored, app node 1 and database node 1 (the one every app node prefers)
 * are killed with SIGKILL together, and started again a few seconds later: the database node rejoins by IST, the app
 * node comes back on the cluster. Clients send a report again with its idempotency key on a failed connection or a 5xx,
 * to the other node. Afterwards each {@link Check} counts one guarantee; any problem fails the drill; the cluster is
 * torn down (its folder kept, with every process's log, when something failed or with {@code --keep true}).
 * <p>
 * The checks of parts still being built elsewhere are listed in {@link #NOT_YET_CHECKED} and printed with every run:
 * they join {@link #checks()} as those parts land.
 */
final class ClusterDrill {

    private static final String ELECTION = "th-2566";

    /** Guarantees of the "done" list that this drill does not count yet, and what each waits for. */
    static final List<String> NOT_YET_CHECKED = List.of();

    /** Mails queued while the machines are lost: the nodes are sending them when app node 1 and database node 1 die. */
    static final int MAILS = 1_000;

    /** What the checks look at: the cluster, the replay's plan and outcome, the kill's timings. */
    record Run(Target target, List<String> galeraUrls, DataSource database, ReplayBench.Prepared prepared, Replay.Outcome outcome,
            List<String> apiDifferences, Strike strike, Path bucket, GreenMail smtp, long startedMillis) {
    }

    /**
     * When the machines were lost and how long each took to come back; how many of the {@link #MAILS} queued before were
     * sent by then; {@code failure}: what went wrong, else null.
     */
    record Strike(double at, long storedBefore, double dbSynced, double appHealthy, long mailsSentBefore, String failure) {
    }

    /** One guarantee counted after the stream: its figures, and what did not add up (nothing: it passed). */
    interface Check {

        String name();

        DrillResult check(Run run) throws Exception;
    }

    static List<Check> checks() {
        return List.of(new ReportsOnce(), new ResultsOnEveryNode(), new StreamOnEveryNode(), new GaleraNodesAgree(), new PhotosAttached(), new PhotosStoredOnce(),
                new HandOffsDone(), new MailsOnce(), new JobsOnce());
    }

    private ClusterDrill() {
    }

    static void run(Map<String, String> options) throws Exception {
        long start = System.nanoTime();
        long startedMillis = System.currentTimeMillis();
        Path dir = options.containsKey("dir") ? Path.of(options.get("dir"))
                : Path.of(System.getProperty("java.io.tmpdir"), "khanaen-drill-cluster-" + ProcessHandle.current().pid());
        int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
        int down = Integer.parseInt(options.getOrDefault("down", "3"));
        boolean keep = Boolean.parseBoolean(options.getOrDefault("keep", "false"));
        Path sample = root().resolve("reference/ect-2566/sample_results_2_provinces.json");
        List<DrillResult> results = new ArrayList<>();
        Cluster cluster = new Cluster(dir);
        boolean passed = false;
        // one mail server for every node, as in production: what each mail's Message-ID arrived as is counted here
        GreenMail smtp = new GreenMail(new ServerSetup(LocalChain.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            Target target = cluster.up(2, "--smtp", "127.0.0.1:" + smtp.getSmtp().getPort());
            double upSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("drill cluster: 3 Galera nodes, S3, 2 app nodes and HAProxy up in %.0f s (%s)%n", upSeconds, dir);
            try (var app = target.startApp()) {
                DataSource database = app.getBean(DataSource.class);
                ReplayBench.Prepared p = ReplayBench.prepare(app, sample, true, false, false, 0);
                int sends = p.plan().sends().size();
                MailOutbox outbox = app.getBean(MailOutbox.class);
                TransactionTemplate transaction = app.getBean(TransactionTemplate.class);
                CompletableFuture<Strike> strike = CompletableFuture.supplyAsync(() -> strike(cluster, database, sends, down,
                        () -> queueMails(outbox, transaction)));
                System.out.printf("drill cluster: %,d reports by %d retrying clients across %s; SIGKILL of app node 1 and database node 1 at 40%%"
                        + " stored, both started again after %d s%n", sends, clients, target.urls(), down);
                Replay.Outcome outcome = p.replay().run(target.urls(), ELECTION, p.mediaKey(), p.plan().sends(), clients, Duration.ofSeconds(30));
                Strike struck = strike.join();
                List<String> differences = ReplayBench.report(app, p, outcome, target.urls(), clients, true);
                Run run = new Run(target, galeraUrls(target.jdbcUrl()), database, p, outcome, differences, struck,
                        dir.resolve("s3").resolve("khanaen-photos"), smtp, startedMillis); // the cluster's s3proxy keeps a bucket as a folder
                System.out.printf("drill cluster: killed at %.1f s of the stream after %,d of %,d reports were stored and %,d of %,d queued mails"
                        + " sent; database node 1 synced again %.1f s and app node 1 healthy again %.1f s after the kill; sent again by"
                        + " idempotency key: %s%n", struck.at(), struck.storedBefore(), sends, struck.mailsSentBefore(), MAILS,
                        struck.dbSynced(), struck.appHealthy(), outcome.retriedOn());
                if (struck.failure() != null) {
                    results.add(new DrillResult("strike", "the machines killed and started again", List.of(struck.failure()), List.of()));
                    System.out.println(results.getLast().line());
                }
                for (Check c : checks()) {
                    results.add(c.check(run));
                    System.out.println(results.getLast().line());
                }
            }
            if (!NOT_YET_CHECKED.isEmpty()) {
                System.out.println("drill cluster: not checked yet — " + String.join("; ", NOT_YET_CHECKED));
            }
            passed = results.stream().allMatch(DrillResult::passed);
        } finally {
            smtp.stop();
            System.out.println(cluster.status());
            cluster.down(keep || !passed);
            if (keep || !passed) {
                System.out.println("drill cluster: the cluster's folder is kept for a look: " + dir + " (logs in " + dir.resolve("logs") + ")");
            }
        }
        System.out.printf("drill cluster: %d checks in %.0f s, %d failed%n", results.size(), (System.nanoTime() - start) / 1e9,
                results.stream().filter(r -> !r.passed()).count());
        if (!passed) {
            throw new IllegalStateException("cluster drill failed: " + results.stream().filter(r -> !r.passed()).map(DrillResult::name).toList());
        }
    }

    /**
     * At 35% of the reports stored, queues {@link #MAILS} mails; once 40% are stored and the nodes are sending those mails,
     * kills app node 1 and database node 1 with SIGKILL, waits {@code down} seconds, then starts the database node (it
     * rejoins by IST) and the app node (healthy on the cluster).
     */
    private static Strike strike(Cluster cluster, DataSource database, int sends, int down, Runnable queueMails) {
        long begin = System.nanoTime();
        long stored = 0;
        long mailsSent = 0;
        double dbSynced = Double.NaN;
        long at = 0;
        try {
            boolean queued = false;
            while (stored < 0.4 * sends || mailsSent < MAILS / 20) {
                Thread.sleep(200);
                try (Connection c = database.getConnection(); Statement st = c.createStatement()) {
                    stored = DrillResult.single(st, "select count(*) from station_report where idempotency_key like 'replay-%'");
                    mailsSent = DrillResult.single(st, "select count(*) from mail_outbox where category = 'drill' and status = 'SENT'");
                }
                if (!queued && stored >= 0.35 * sends) {
                    queueMails.run();
                    queued = true;
                }
                if (stored == sends) {
                    throw new IllegalStateException("every report was stored before the mails went: nothing was in flight to kill");
                }
            }
            at = System.nanoTime();
            cluster.kill("app", 1);
            cluster.kill("db", 1);
            Thread.sleep(down * 1_000L);
            cluster.start("db", 1);
            dbSynced = (System.nanoTime() - at) / 1e9;
            cluster.start("app", 1);
            return new Strike((at - begin) / 1e9, stored, dbSynced, (System.nanoTime() - at) / 1e9, mailsSent, null);
        } catch (Exception e) { // the replay goes on and is counted; the drill fails on this
            return new Strike((at - begin) / 1e9, stored, dbSynced, Double.NaN, mailsSent, "the strike failed: " + e.getMessage());
        }
    }

    /** {@link #MAILS} plain mails into the outbox, 500 to a transaction, as a busy hour of notices would queue them. */
    private static void queueMails(MailOutbox outbox, TransactionTemplate transaction) {
        for (int from = 0; from < MAILS; from += 500) {
            int first = from;
            transaction.executeWithoutResult(t -> {
                for (int i = first; i < Math.min(first + 500, MAILS); i++) {
                    outbox.enqueue(new MailMessage("drill" + i + "@example.org", Locale.ENGLISH, "Drill mail " + i,
                            "Mail " + i + " of the cluster drill.", null, "drill", "drill:" + i));
                }
            });
        }
    }


    /** Each Galera node's own URL, from the nodes' failover URL ({@code jdbc:mysql://h1:p1,h2:p2,h3:p3/schema?…}). */
    static List<String> galeraUrls(String failover) {
        var m = Pattern.compile("jdbc:mysql://([^/]+)/([^?]*)(\\?.*)?").matcher(failover);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a JDBC URL: " + failover);
        }
        List<String> urls = new ArrayList<>();
        for (String host : m.group(1).split(",")) {
            urls.add("jdbc:mysql://" + host + "/" + m.group(2) + "?connectionTimeZone=UTC");
        }
        return urls;
    }

    static Path root() {
        Path root = Path.of("").toAbsolutePath();
        return Files.exists(root.resolve("mvnw")) ? root : root.getParent();
    }

    /** Every report sent is stored once by its idempotency key; every station contest of the file verified. */
    static final class ReportsOnce implements Check {

        @Override
        public String name() {
            return "reports once";
        }

        @Override
        public DrillResult check(Run run) throws Exception {
            List<String> problems = new ArrayList<>();
            List<Replay.Send> sent = run.prepared().plan().sends();
            try (Connection c = run.database().getConnection(); Statement st = c.createStatement()) {
                Set<String> stored = new HashSet<>();
                try (ResultSet rs = st.executeQuery("select idempotency_key from station_report where idempotency_key like 'replay-%'")) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                    }
                }
                long rows = DrillResult.single(st, "select count(*) from station_report where idempotency_key like 'replay-%'");
                long doubled = DrillResult.single(st, "select count(*) from (select station_id, contest_code, volunteer_id from station_report"
                        + " group by station_id, contest_code, volunteer_id having count(*) > 1) d");
                Set<String> keys = sent.stream().map(Replay.Send::key).collect(Collectors.toSet());
                long lost = keys.stream().filter(k -> !stored.contains(k)).count();
                if (rows != keys.size() || lost > 0 || doubled > 0) {
                    problems.add(rows + " rows for " + keys.size() + " keys sent, " + lost + " lost, " + doubled + " doubled");
                }
                Set<Long> stations = sent.stream().map(Replay.Send::stationId).collect(Collectors.toSet());
                Map<String, Long> states = new java.util.TreeMap<>();
                try (ResultSet rs = st.executeQuery("select station_id, state from station_contest")) {
                    while (rs.next()) {
                        if (stations.contains(rs.getLong(1))) {
                            states.merge(rs.getString(2), 1L, Long::sum);
                        }
                    }
                }
                long contests = stations.size() * 2L;
                if (states.getOrDefault("VERIFIED", 0L) != contests) {
                    problems.add("station contests " + states + ", expected " + contests + " VERIFIED");
                }
                List<String> refused = run.outcome().statuses().entrySet().stream().filter(e -> e.getKey() >= 300)
                        .map(e -> e.getValue() + " × " + e.getKey()).toList();
                if (!refused.isEmpty()) {
                    problems.add("final answers other than 200/201: " + refused);
                }
                return new DrillResult(name(), String.format("sent %,d, stored %,d, doubled %d, lost %d; station contests %s; final answers %s;"
                        + " %,d sent again", keys.size(), stored.size(), doubled, lost, states, run.outcome().statuses(), run.outcome().retries()),
                        problems, List.of());
            }
        }
    }

    /** Every node's results API (and ECT feed) shows exactly the file. */
    static final class ResultsOnEveryNode implements Check {

        @Override
        public String name() {
            return "results on every node";
        }

        @Override
        public DrillResult check(Run run) {
            List<String> d = run.apiDifferences();
            return new DrillResult(name(), d.isEmpty() ? "the results API and ECT feed of " + run.target().urls() + " exactly as the file"
                    : d.size() + " differences", d.stream().limit(8).toList(), List.of());
        }
    }

    /**
     * Each node's own results stream showed the verifications: the node that stayed up every station contest of the file;
     * the node killed and started again those verified after its stream came back (a stream carries what changes while
     * it is open; a newsroom that was cut off reads the results API, checked above, to catch up).
     */
    static final class StreamOnEveryNode implements Check {

        @Override
        public String name() {
            return "stream on every node";
        }

        @Override
        public DrillResult check(Run run) {
            int all = run.outcome().stationContests();
            List<String> problems = new ArrayList<>();
            List<String> figures = new ArrayList<>();
            run.outcome().seenOnEach().forEach((node, shown) -> {
                boolean killed = node.equals(run.target().urls().getFirst()); // app node 1
                figures.add(node + (killed ? " (killed, started again)" : "") + ": " + shown + " of " + all);
                if (!killed && shown != all) {
                    problems.add(node + "'s stream showed " + shown + " of " + all + " station contests verified");
                }
            });
            return new DrillResult(name(), "station contests each node's stream showed verified: " + String.join("; ", figures), problems,
                    List.of());
        }
    }

    /** The three Galera nodes hold the same reports (the one killed included, after its IST). */
    static final class GaleraNodesAgree implements Check {

        @Override
        public String name() {
            return "Galera nodes agree";
        }

        @Override
        public DrillResult check(Run run) throws Exception {
            List<String> seen = new ArrayList<>();
            for (String url : run.galeraUrls()) {
                try (Connection c = DriverManager.getConnection(url, run.target().user(), run.target().password());
                     Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("select count(*), coalesce(sum(crc32(concat(idempotency_key, station_id, contest_code))), 0)"
                             + " from station_report")) {
                    rs.next();
                    seen.add(rs.getLong(1) + " reports (checksum " + rs.getLong(2) + ")");
                }
            }
            List<String> problems = seen.stream().distinct().count() == 1 ? List.of() : List.of("the nodes differ: " + seen);
            return new DrillResult(name(), "each of " + seen.size() + " nodes: " + seen.getFirst(), problems, List.of());
        }
    }

    /** Each replayed report carries its three photos (on the path the nodes have today: a shared folder). */
    static final class PhotosAttached implements Check {

        @Override
        public String name() {
            return "photos attached";
        }

        @Override
        public DrillResult check(Run run) throws Exception {
            try (Connection c = run.database().getConnection(); Statement st = c.createStatement()) {
                long without = DrillResult.single(st, "select count(*) from (select r.id from station_report r left join station_report_photo p"
                        + " on p.report_id = r.id where r.idempotency_key like 'replay-%' group by r.id having count(p.photo_id) <> 3) x");
                long photos = DrillResult.single(st, "select count(distinct p.sha256) from report_photo p");
                List<String> problems = without == 0 ? List.of() : List.of(without + " reports without exactly 3 photos");
                return new DrillResult(name(), "reports without exactly 3 photos: " + without + "; distinct photos " + photos, problems, List.of());
            }
        }
    }

    /**
     * Each photo is one object in the bucket, however often it was sent (2 volunteers × 2 contests, and every retry):
     * objects are named by their content's SHA-256, the bucket holds exactly the confirmed photos, and none besides.
     */
    static final class PhotosStoredOnce implements Check {

        @Override
        public String name() {
            return "photos stored once";
        }

        @Override
        public DrillResult check(Run run) throws Exception {
            Set<String> objects = new HashSet<>();
            long files;
            try (var walk = Files.walk(run.bucket().resolve("photos"))) {
                List<Path> all = walk.filter(Files::isRegularFile).toList();
                files = all.size();
                all.forEach(f -> objects.add(f.getFileName().toString().replaceFirst("\\..*$", "")));
            }
            Set<String> confirmed = new HashSet<>();
            try (Connection c = run.database().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("select distinct sha256 from report_photo where confirmed_at is not null")) {
                while (rs.next()) {
                    confirmed.add(rs.getString(1));
                }
            }
            List<String> problems = new ArrayList<>();
            if (files != objects.size()) {
                problems.add(files + " objects for " + objects.size() + " contents: some photo is stored twice");
            }
            long missing = confirmed.stream().filter(h -> !objects.contains(h)).count();
            long strays = objects.stream().filter(h -> !confirmed.contains(h)).count();
            if (missing > 0) {
                problems.add(missing + " confirmed photos not in the bucket");
            }
            if (strays > 0) {
                problems.add(strays + " objects in the bucket no confirmed photo names");
            }
            return new DrillResult(name(), String.format("%,d objects in the bucket, %,d distinct confirmed photos, %d missing, %d strays", files,
                    confirmed.size(), missing, strays), problems, List.of());
        }
    }

    /**
     * Every queued mail reached the mail server, and once: each {@code SENT} row of the outbox arrived as exactly one
     * Message-ID. SMTP has no idempotent submission, so a node killed between the server's "250 OK" and its record of
     * it sends that one mail again once its claim runs out (5 minutes): at most one per app node killed, with the same
     * Message-ID (a mailbox shows it once). A claim the dead node held is waited for, up to 7 minutes after the kill.
     */
    static final class MailsOnce implements Check {

        private static final Pattern OUTBOX_ID = Pattern.compile("<outbox\\.(\\d+)\\.");

        @Override
        public String name() {
            return "mails once";
        }

        @Override
        public DrillResult check(Run run) throws Exception {
            List<String> problems = new ArrayList<>();
            long waiting;
            long deadline = System.nanoTime() + Duration.ofMinutes(7).toNanos();
            Set<Long> sent = new HashSet<>();
            try (Connection c = run.database().getConnection(); Statement st = c.createStatement()) {
                do {
                    waiting = DrillResult.single(st, "select count(*) from mail_outbox where status <> 'SENT'");
                    if (waiting > 0) {
                        Thread.sleep(2_000);
                    }
                } while (waiting > 0 && System.nanoTime() < deadline);
                try (ResultSet rs = st.executeQuery("select id from mail_outbox where status = 'SENT'")) {
                    while (rs.next()) {
                        sent.add(rs.getLong(1));
                    }
                }
            }
            Thread.sleep(1_000); // the last ones' SMTP conversations end
            Map<Long, Integer> arrived = new java.util.HashMap<>();
            long foreign = 0;
            for (var m : run.smtp().getReceivedMessages()) {
                var id = OUTBOX_ID.matcher(String.valueOf(m.getMessageID()));
                if (id.find()) {
                    arrived.merge(Long.parseLong(id.group(1)), 1, Integer::sum);
                } else {
                    foreign++;
                }
            }
            long lost = sent.stream().filter(id -> !arrived.containsKey(id)).count();
            long unknown = arrived.keySet().stream().filter(id -> !sent.contains(id)).count();
            List<Long> twice = arrived.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
            if (waiting > 0) {
                problems.add(waiting + " mails still not sent 7 minutes after the kill");
            }
            if (lost > 0) {
                problems.add(lost + " mails recorded as sent never arrived");
            }
            if (unknown > 0 || foreign > 0) {
                problems.add((unknown + foreign) + " mails arrived that the outbox does not hold as sent");
            }
            if (twice.size() > 1) {
                problems.add(twice.size() + " mails arrived more than once (ids " + twice.stream().limit(10).toList()
                        + "): more than the one app node 1 may have had in hand");
            }
            if (run.strike().mailsSentBefore() >= MAILS) {
                problems.add("every drill mail was sent before the kill: none was in flight");
            }
            return new DrillResult(name(), String.format("%,d mails in the outbox, all sent: %s; arrived as %,d distinct Message-IDs,"
                    + " %d lost, %d more than once %s (at most the one in hand at the kill: SMTP has no idempotent submission);"
                    + " %,d of the %,d drill mails were sent before the kill", sent.size(), waiting == 0, arrived.size(), lost, twice.size(),
                    twice, run.strike().mailsSentBefore(), MAILS), problems, List.of());
        }
    }

    /**
     * Every scheduled job ran on one node at a time: the runs each node wrote down ({@code job_run}) since the drill began,
     * job by job, never overlap, and a run never starts within the lease its previous run kept at least.
     */
    static final class JobsOnce implements Check {

        @Override
        public String name() {
            return "jobs once";
        }

        @Override
        public DrillResult check(Run run) throws Exception {
            record JobRun(String name, String node, long started, long ended, long least) {
            }
            List<JobRun> runs = new ArrayList<>();
            try (Connection c = run.database().getConnection(); var ps = c.prepareStatement(
                    "select name, node, started_ms, ended_ms, lock_at_least_ms from job_run where started_ms >= ? order by name, started_ms, id")) {
                ps.setLong(1, run.startedMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        runs.add(new JobRun(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                    }
                }
            }
            List<String> problems = new ArrayList<>();
            Map<String, Map<String, Long>> perJob = new java.util.TreeMap<>();
            Set<String> nodes = new java.util.TreeSet<>();
            for (int i = 0; i < runs.size(); i++) {
                JobRun r = runs.get(i);
                perJob.computeIfAbsent(r.name(), k -> new java.util.TreeMap<>()).merge(r.node(), 1L, Long::sum);
                nodes.add(r.node());
                if (i > 0 && runs.get(i - 1).name().equals(r.name())) {
                    JobRun before = runs.get(i - 1);
                    if (r.started() < before.ended()) {
                        problems.add(r.name() + ": a run on " + r.node() + " started " + (before.ended() - r.started()) + " ms before the run on "
                                + before.node() + " ended");
                    } else if (r.started() < before.started() + before.least() - 250) { // the clocks read a few ms apart from the lease's
                        problems.add(r.name() + ": a run on " + r.node() + " started " + (r.started() - before.started())
                                + " ms after the one before, within the " + before.least() + " ms its lease holds at least");
                    }
                }
            }
            if (runs.isEmpty()) {
                problems.add("no job run written down since the drill began");
            }
            String figures = runs.size() + " runs of " + perJob.size() + " jobs on " + nodes.size() + " nodes, none overlapping: "
                    + perJob.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().values().stream().mapToLong(Long::longValue).sum()
                            + " (" + e.getValue().size() + " nodes)").collect(Collectors.joining(", "));
            return new DrillResult(name(), figures, problems.stream().limit(10).toList(), List.of());
        }
    }

    /** Every hand-off between modules done (no event publication left incomplete, up to 120 s after the stream). */
    static final class HandOffsDone implements Check {

        @Override
        public String name() {
            return "hand-offs done";
        }

        @Override
        public DrillResult check(Run run) throws Exception {
            try (Connection c = run.database().getConnection(); Statement st = c.createStatement()) {
                long incomplete = DrillResult.awaitNoIncompletePublications(st);
                return new DrillResult(name(), "incomplete event publications " + incomplete,
                        incomplete == 0 ? List.of() : List.of(incomplete + " event publications still incomplete"), List.of());
            }
        }
    }
}
