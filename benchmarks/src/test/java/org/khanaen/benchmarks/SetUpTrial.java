package org.khanaen.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.khanaen.benchmarks.rehearsal.Cast;
import org.khanaen.benchmarks.rehearsal.ElectionDay;
import org.khanaen.benchmarks.rehearsal.Figures;
import org.khanaen.benchmarks.rehearsal.SetUp;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The rehearsal's set-up on a few constituencies, on an app started as the rehearsal starts it (its own embedded
 * server, a fresh schema, the web server on a free port) with the clock on election day. Minutes, not seconds: not part
 * of the suite's name pattern; run it by name ({@code -Dtest=SetUpTrial}). In this package because {@link Server} is.
 * {@code -Dtrial.constituencies=UDN_1,NAN_3} and {@code -Dtrial.volunteers=N} change the size; {@code -Dtrial.constituencies=all}
 * runs the nation with the default options.
 */
class SetUpTrial {

    @Test
    void setsUpACompleteCast() throws Exception {
        String which = System.getProperty("trial.constituencies", "NAN_1,NAN_2,NAN_3");
        Set<String> constituencies = which.equals("all") ? null : Set.of(which.split(","));
        try (Server server = Server.from(Map.of())) {
            String url = server.freshSchema("rehearsal_setup");
            try (ConfigurableApplicationContext app = start(server, url)) {
                int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
                SetUp.Options options = constituencies == null ? SetUp.Options.defaults()
                        : new SetUp.Options(Integer.getInteger("trial.volunteers", 1000), 5, 0.03, 8, 2566);
                long start = System.nanoTime();
                SetUp.Result result = SetUp.run(app, URI.create("http://127.0.0.1:" + port), options, constituencies);
                System.out.printf("%nset-up of %s in %.1f s%n", which, (System.nanoTime() - start) / 1e9);
                result.figures().forEach(f -> System.out.println(f.line()));

                Cast cast = result.cast();
                assertThat(cast.admin().password()).isNotBlank();
                // a trial's few lead-minded volunteers may be placed as leads elsewhere by the election's run; the nation has all 400
                assertThat(cast.leads()).isNotEmpty();
                if (constituencies != null) {
                    assertThat(constituencies).containsAll(cast.leads().keySet());
                }
                assertThat(cast.warRoom()).isNotEmpty();
                assertThat(cast.reporters()).isNotEmpty();
                cast.reporters().values().stream().flatMap(List::stream).forEach(r -> assertThat(r.token()).isNotBlank());
                long empty = cast.reporters().values().stream().filter(List::isEmpty).count();
                System.out.printf("stations: %,d, with 0 reporters: %,d%n", cast.reporters().size(), empty);
                for (Figures f : result.figures()) {
                    // a station nobody could cover, a constituency without its lead: reported and explained (a trial's few
                    // volunteers); everything else must have gone right
                    assertThat(f.problems().stream().filter(p -> !p.contains("without a reporter") && !p.contains("no lead who can sign in")).toList())
                            .as(f.step()).isEmpty();
                }
            } finally {
                server.drop(url);
            }
        }
    }

    /** As {@link Server#startWebApp(String)}, with the app's clock on the 2023 election day. */
    private static ConfigurableApplicationContext start(Server server, String url) {
        return new SpringApplicationBuilder(org.khanaen.KhanaenApplication.class).initializers(ElectionDay.of2566())
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=" + server.user, "--spring.datasource.password=" + server.password,
                        "--khanaen.elections.autoload=", "--logging.level.root=warn", "--spring.main.banner-mode=off", "--server.port=0");
    }
}
