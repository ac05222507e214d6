package org.khanaen.benchmarks;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code ./khanaen bench <name> [--url jdbc:mysql://host:port/ --user u --password p] [--runs n]}
 * <p>
 * Without {@code --url}: on a fresh embedded MariaDB (the same 10.11 server binary). With it: on
 * that server, in fresh schemas created and dropped here. Every figure is printed beside the
 * physical reference measured in the same run on the same server.
 */
public final class Bench {

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("help")) {
            System.out.println("""
                    usage: ./khanaen bench <benchmark> [--url jdbc:mysql://127.0.0.1:3306/ --user u --password p] [--runs n]
                             [--buffer-pool 2G] [--db-options name=value,...: more options for the embedded server]
                      reference-load   raw JDBC reference, then the 2023 election (94,904 stations) imported n times
                      volunteer-import the 2023 stations, then a CSV of --rows volunteers (100,000) checked and imported
                      assignment       the 2023 stations and --rows volunteers (100,000), then automatic assignment of all tiers, n times
                                       (--mail true: then queue the assignment mails of the last plan)
                      reports          the 2023 stations with a volunteer each, then both contests' final counts sent over HTTP
                                       by --clients (64) clients, --resend (0.02) of them twice; counted afterwards
                                       (--limit n: only n stations report, for a quick look; --client wrk|java: the load
                                       from wrk in another process when installed, else Java's client in this one)
                      results-api      every 2023 station verified; the national results JSON revalidated by --clients (32) for
                                       --seconds (20), read in full; the all-stations CSV after fresh changes
                      ect-feed         every 2023 station verified; the ECT-compatible records/stats_cons.json revalidated with
                                       its ETag by --clients (32) for --seconds (20), read in full; a new file after a change
                      replay [FILE]    election night replayed from an ECT results file (none: a made-up national one) through the
                                       volunteers' API with photos by --clients (64); stream latency; compared with the file
                                       (--photos false: without photos; --photos through-app: multipart
                                       through the app, as before presigned uploads; --photo-kb 300: each
                                       photo that size, not a 16x16 PNG)
                                       --only sample: only the quick count's sample (drawn and revealed first; its
                                       estimates timed on the stream); --fraction F: only the first F of the stations
                                       in the order counts arrive, small first (--seed 2566); neither compared with the file
                                       --cluster DIR [--nodes all]: to the running local cluster (scripts/cluster) through its
                                       load balancer, or its app nodes in turn; --target URL | --nodes URL1,URL2 with --url
                                       jdbc:mysql://…/schema --user U --password P: to any running nodes and their database.
                                       A report is sent again with its idempotency key on a failed connection or a 5xx;
                                       --patience 600: seconds to wait for the stream; --provinces AYA,ATG (or K): only those
                                       provinces of the file (or its first K); with --cluster, what the load cost each kind of process per report (CPU,
                                       database statements and rows, object-store requests)
                      subscribers      every 2023 station verified; --count (200) readers of the public results stream opened
                                       together on the app in its own JVM (--heap 2g), in client processes of --per-process
                                       (9000) raw sockets each; then --changes (20) changes, one each --every-ms (1000):
                                       first-event and delivery latency, failures, the node's CPU and heap (--national true:
                                       the stream with the national document after each change, as the media stream)
                      quick-count FILE the quick count's intervals against the commission's 2023 national file (stats_cons.json),
                                       offline: --sizes (400,800,1600) stations, --seeds (50) samples each, --replicates (1000),
                                       --spread (0.35) of party shares between a constituency's stations (docs/quick-count.md)
                      coupons          --coupons (100,000) coupons issued for donations (--offers 10 offers, --threads 8) and minted
                                       on a local hardhat node in batches of --batch (500); needs node and npm
                      rehearse         the dress rehearsal: a whole election night on this machine (README, BENCHMARKS.md):
                                       set-up of --volunteers (100000) of --organisations (50), --no-show (0.03), --war-room (100);
                                       the night on a clock --compress (12) times faster, --clients (64) phones, photos, running
                                       tallies, resends, misread counts, wrong sums; --verifiers (100) and every lead at work;
                                       --readers (5000) on the stream, --page-readers (300), --newsrooms (34); then everything
                                       checked against the file and the report appended to BENCHMARKS.md (--append false: not);
                                       --provinces NAN,UDN: only those provinces (a trial); --chain false: no local chain
                      drill reports|payments|coupons|all   fault drills, not benchmarks: the app in its own JVM killed with SIGKILL
                                       mid-stream and restarted while clients retry; counted afterwards (README, "Fault drills")
                      drill database   the reports and payments streams while the database server (its own, started by
                                       scripts/mariadb-server; --url ignored) is killed with SIGKILL for --down (10) seconds and
                                       started again; the node rides it out without a restart
                      drill cluster    the 2-province sample replayed with photos across 2 app nodes on a 3-node Galera cluster
                                       (scripts/cluster, its own, in --dir or a temporary folder); app node 1 and database node 1
                                       killed with SIGKILL at 40% stored and started again after --down (3) seconds; counted
                                       afterwards; torn down (kept with --keep true or when a check failed)
                      drill chain      the coupons minted beside the payments stream while the hardhat node is killed with
                                       SIGKILL for --down (10) seconds and replaced by one with the same chain; needs node and npm""");
            return;
        }
        int first = args.length > 1 && !args[1].startsWith("--") ? 2 : 1; // a file name before the options
        Map<String, String> options = options(Arrays.copyOfRange(args, first, args.length));
        if (args[0].equals("replay") && Target.named(options)) { // running nodes: no server nor app of its own
            ReplayBench.runOn(Target.from(options), first == 2 ? java.nio.file.Path.of(args[1]) : null,
                    Integer.parseInt(options.getOrDefault("clients", "64")), !"false".equals(options.getOrDefault("photos", "true")),
                    "through-app".equals(options.get("photos")), Integer.parseInt(options.getOrDefault("photo-kb", "0")) * 1024,
                    java.time.Duration.ofSeconds(Long.parseLong(options.getOrDefault("patience", "600"))),
                    options.get("provinces"));
            System.exit(0);
        }
        if (args[0].equals("drill") && args.length > 1 && args[1].equals("cluster")) { // a cluster of its own
            ClusterDrill.run(options);
            System.exit(0);
        }
        if (args[0].equals("quick-count")) { // offline: no application, no database
            if (first < 2) {
                throw new IllegalArgumentException("quick-count needs the commission's national constituency file (stats_cons.json)");
            }
            QuickCountBench.run(java.nio.file.Path.of(args[1]), options);
            return;
        }
        // the database drill kills its server: always one of its own, never the one given by --url
        OwnMariaDb own = args[0].equals("drill") && args.length > 1 && args[1].equals("database") ? OwnMariaDb.start() : null;
        if (own != null) {
            if (options.containsKey("url")) {
                System.out.println("drill database: --url ignored; the drill kills the server, so it runs one of its own on " + own.url);
            }
            options.put("url", own.url);
            options.put("user", OwnMariaDb.USER);
            options.put("password", OwnMariaDb.PASSWORD);
        }
        try (own; Server server = Server.from(options)) {
            switch (args[0]) {
                case "reference-load" -> new ReferenceLoadBench(server, Integer.parseInt(options.getOrDefault("runs", "3"))).run();
                case "volunteer-import" -> new VolunteerImportBench(server, Integer.parseInt(options.getOrDefault("rows", "100000")),
                        Integer.parseInt(options.getOrDefault("runs", "3"))).run();
                case "assignment" -> new AssignmentBench(server, Integer.parseInt(options.getOrDefault("rows", "100000")),
                        Integer.parseInt(options.getOrDefault("runs", "3")), Boolean.parseBoolean(options.getOrDefault("mail", "false"))).run();
                case "reports" -> new ReportsBench(server, Integer.parseInt(options.getOrDefault("clients", "64")),
                        Double.parseDouble(options.getOrDefault("resend", "0.02")),
                        Integer.parseInt(options.getOrDefault("limit", String.valueOf(Integer.MAX_VALUE))),
                        options.getOrDefault("client", ReportsBench.WRK != null ? "wrk" : "java")).run();
                case "results-api" -> new ResultsApiBench(server, Integer.parseInt(options.getOrDefault("clients", "32")),
                        Integer.parseInt(options.getOrDefault("seconds", "20"))).run();
                case "ect-feed" -> new EctFeedBench(server, Integer.parseInt(options.getOrDefault("clients", "32")),
                        Integer.parseInt(options.getOrDefault("seconds", "20"))).run();
                case "replay" -> new ReplayBench(server, args.length > 1 && !args[1].startsWith("--") ? java.nio.file.Path.of(args[1]) : null,
                        Integer.parseInt(options.getOrDefault("clients", "64")), !"false".equals(options.getOrDefault("photos", "true")),
                        "through-app".equals(options.get("photos")), Integer.parseInt(options.getOrDefault("photo-kb", "0")) * 1024)
                        .selecting(ReplayBench.Selection.from(options)).run();
                case "subscribers" -> new SubscribersBench(server, options).run();
                case "coupons" -> new CouponsBench(server, Integer.parseInt(options.getOrDefault("coupons", "100000")),
                        Integer.parseInt(options.getOrDefault("offers", "10")), Integer.parseInt(options.getOrDefault("threads", "8")),
                        Integer.parseInt(options.getOrDefault("batch", "500"))).run();
                case "drill" -> Drills.run(server, args.length > 1 ? args[1] : "help", options, own);
                case "rehearse" -> RehearseCommand.run(server, options);
                default -> throw new IllegalArgumentException("unknown benchmark " + args[0]);
            }
        }
        System.exit(0);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
