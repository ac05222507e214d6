package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The app's own schedule goes through the cluster-wide leases: annotated {@code @Scheduled} methods (close races every
 * 30 s, expired sessions every minute) and a job scheduled in code (event redelivery, every 15 s) each leave their
 * lease row, signed by this node.
 */
@FullStackTest
class ClusterJobsAppTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void scheduledJobsTakeTheirLeaseBeforeTheyRun() throws InterruptedException {
        List<String> expected = List.of("events.redelivery", "results.close-races", "web.expired-sessions");
        List<String> leased = List.of();
        for (int i = 0; i < 90 && !leased.containsAll(expected); i++) { // close races first runs 30 s after start, sessions on the minute
            Thread.sleep(1_000);
            leased = jdbc.sql("select name from shedlock").query(String.class).list();
        }
        assertThat(leased).containsAll(expected);
        assertThat(jdbc.sql("select distinct locked_by from shedlock where name in ('events.redelivery', 'results.close-races', 'web.expired-sessions')")
                .query(String.class).list()).singleElement().asString().contains("-"); // host name and process id
    }
}
