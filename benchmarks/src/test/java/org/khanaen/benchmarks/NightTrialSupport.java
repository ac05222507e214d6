package org.khanaen.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.ReportIntake;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmarks' package-private set-up, for trials of the rehearsal's parts in their own package: the app started as
 * the rehearsal starts it (embedded MariaDB, a fresh schema, the web server on a free port), volunteers placed two per
 * station as the replay places them, the made-up national file cut to some provinces.
 */
public final class NightTrialSupport implements AutoCloseable {

    private final Server server;
    private final String url;
    public final ConfigurableApplicationContext app;

    private NightTrialSupport(Server server, String url, ConfigurableApplicationContext app) {
        this.server = server;
        this.url = url;
        this.app = app;
    }

    public static NightTrialSupport start() throws Exception {
        Server server = Server.from(Map.of());
        String url = server.freshSchema("bench_night");
        return new NightTrialSupport(server, url, server.startWebApp(url));
    }

    public int port() {
        return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    }

    public Map<Long, List<String>> placeTwoPerStation(ElectionCatalog catalog, List<StationPoint> stations, Set<String> codes) throws Exception {
        return ReplayBench.placeTwoPerStation(app, catalog, stations, codes);
    }

    /** The made-up national file of th-2566 (every constituency). */
    public Path national(ElectionCatalog catalog) throws Exception {
        return ReplayBench.NationalFile.write(catalog, app.getBean(ReportIntake.class).rules("th-2566").majorParties(),
                Path.of("target", "night-national-th-2566.json"));
    }

    /** The made-up national file of th-2566 with only these provinces (codes, comma-separated). */
    public Path provinces(ElectionCatalog catalog, String provinces) throws Exception {
        return ReplayBench.someProvinces(national(catalog), provinces, app.getBean(JsonMapper.class));
    }

    @Override
    public void close() throws Exception {
        app.close();
        server.drop(url);
        server.close();
    }
}
