package org.khanaen.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationPoint;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The benchmarks' package-private set-up, opened to the rehearsal's trials: the app as the rehearsal starts it (the
 * real app with dev defaults and its web server on a free port, on a fresh schema of an embedded MariaDB), and two
 * volunteers with tokens at each station.
 */
public final class TrialApp implements AutoCloseable {

    private final Server server;
    private final String url;
    public final ConfigurableApplicationContext app;

    private TrialApp(Server server, String url, ConfigurableApplicationContext app) {
        this.server = server;
        this.url = url;
        this.app = app;
    }

    public static TrialApp start(String schemaPrefix) throws Exception {
        Server server = Server.from(Map.of("buffer-pool", "256M"));
        String url = server.freshSchema(schemaPrefix);
        return new TrialApp(server, url, server.startWebApp(url));
    }

    public int port() {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    public Map<Long, List<String>> placeTwoPerStation(List<StationPoint> stations, Set<String> constituencies) throws Exception {
        return ReplayBench.placeTwoPerStation(app, app.getBean(ElectionCatalog.class), stations, constituencies);
    }

    @Override
    public void close() throws Exception {
        try {
            app.close();
            server.drop(url);
        } finally {
            server.close();
        }
    }
}
