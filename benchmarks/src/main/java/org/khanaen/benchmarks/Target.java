package org.khanaen.benchmarks;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Running nodes to send to, instead of an app of the benchmark's own: their URLs (one load balancer, or the nodes taken
 * in turn) and their database, for the set-up and the counts afterwards.
 *
 * @param photos the nodes' photo folder when this JVM can reach it (the local cluster's), else null
 * @param clusterDir the local cluster's folder (its processes and logs: {@link Capacity}), else null
 */
record Target(List<URI> urls, String jdbcUrl, String user, String password, Path photos, Path clusterDir) {

    /** Whether the options name running nodes: {@code --cluster DIR}, {@code --target URL} or {@code --nodes URL,URL}. */
    static boolean named(Map<String, String> options) {
        return options.containsKey("cluster") || options.containsKey("target") || options.containsKey("nodes");
    }

    /**
     * {@code --cluster DIR}: the local cluster of {@code scripts/cluster} in DIR, through its load balancer, or across its
     * nodes with {@code --nodes all}. Else {@code --target URL} or {@code --nodes URL1,URL2} with the nodes' database as
     * {@code --url jdbc:mysql://…/schema --user U --password P}.
     */
    static Target from(Map<String, String> options) throws Exception {
        if (options.containsKey("cluster")) {
            Path dir = Path.of(options.get("cluster"));
            dir = dir.isAbsolute() ? dir : ClusterDrill.root().resolve(dir); // Maven runs us in benchmarks/
            Map<String, String> env = clusterEnv(dir);
            String nodes = options.getOrDefault("nodes", "");
            List<URI> urls = nodes.equals("all") ? uris(env.get("APP_URLS")) : nodes.isEmpty() ? uris(env.get("LB_URL")) : uris(nodes);
            return new Target(urls, env.get("JDBC_URL"), env.get("DB_USER"), env.get("DB_PASSWORD"), Path.of(env.get("PHOTOS_DIRECTORY")), dir);
        }
        if (!options.containsKey("url")) {
            throw new IllegalArgumentException("--target/--nodes need the nodes' database too: --url jdbc:mysql://host:port/schema --user U --password P");
        }
        List<URI> urls = new ArrayList<>(options.containsKey("target") ? uris(options.get("target")) : List.of());
        if (options.containsKey("nodes")) {
            urls.addAll(uris(options.get("nodes")));
        }
        return new Target(List.copyOf(urls), options.get("url"), options.getOrDefault("user", "root"), options.getOrDefault("password", ""),
                options.containsKey("photos") ? Path.of(options.get("photos")) : null, null);
    }

    /** {@code scripts/cluster env --dir DIR}: the cluster's settings. */
    static Map<String, String> clusterEnv(Path dir) throws Exception {
        String out = Cluster.script(dir.toAbsolutePath(), "env");
        Map<String, String> env = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    private static List<URI> uris(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(URI::create).toList();
    }

    /** The application in this JVM on the nodes' database, without a web server and loading no election: for set-up. */
    ConfigurableApplicationContext startApp() {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password, "--khanaen.embedded-db.enabled=false", "--khanaen.elections.autoload=",
                "--logging.level.root=warn", "--spring.main.banner-mode=off",
                // the set-up queues mail (assignment notices) but leaves sending it to the nodes
                "--khanaen.mail.poll-interval=PT1H"));
        if (photos != null) {
            args.add("--khanaen.photos.directory=" + photos);
        }
        return new org.springframework.boot.builder.SpringApplicationBuilder(org.khanaen.KhanaenApplication.class)
                .web(org.springframework.boot.WebApplicationType.NONE).run(args.toArray(String[]::new));
    }
}
