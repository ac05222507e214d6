package org.khanaen.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.khanaen.platform.events.EventRedelivery;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A listener that fails (its database away, as in the database drill) leaves its publication incomplete, and Spring
 * Modulith hands it again only when a node starts: {@link EventRedelivery} hands it again on a node that keeps running.
 */
@SpringBootTest
@EnableScenarios
class EventRedeliveryTests {

    /** An event whose listener fails as often as asked first, as one whose transaction cannot reach the database. */
    record Flaky(String id) {
    }

    /** Asked through methods: the bean is a proxy (for {@code @Async}), whose own fields are empty. */
    static class FlakyListener {

        private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        private final Map<String, Boolean> handled = new ConcurrentHashMap<>();

        public void failFirst(String id, int times) {
            failuresLeft.put(id, new AtomicInteger(times));
        }

        public int attempts(String id) {
            return attempts.getOrDefault(id, new AtomicInteger()).get();
        }

        public boolean handled(String id) {
            return handled.containsKey(id);
        }

        @Async
        @TransactionalEventListener
        public void on(Flaky event) {
            attempts.computeIfAbsent(event.id(), k -> new AtomicInteger()).incrementAndGet();
            if (failuresLeft.getOrDefault(event.id(), new AtomicInteger()).getAndDecrement() > 0) {
                throw new org.springframework.jdbc.CannotGetJdbcConnectionException("the database is not answering");
            }
            handled.put(event.id(), true);
        }
    }

    @TestConfiguration
    static class Listener {

        @Bean
        FlakyListener flakyListener() {
            return new FlakyListener();
        }
    }

    @Autowired FlakyListener listener;
    @Autowired EventRedelivery redelivery;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.modulith.events.IncompleteEventPublications publications;

    private long incomplete(String id) {
        return jdbc.sql("select count(*) from event_publication where completion_date is null and serialized_event like ?")
                .param("%" + id + "%").query(Long.class).single();
    }

    @Test
    void aPublicationWhoseListenerFailedIsHandedAgainWithoutARestart(Scenario scenario) throws Exception {
        String id = "flaky-" + System.nanoTime();
        listener.failFirst(id, 1);

        scenario.publish(new Flaky(id)).andWaitForStateChange(() -> listener.attempts(id), n -> n > 0);
        Thread.sleep(500);
        // left as it is by Spring Modulith until the next start
        assertThat(listener.handled(id)).isFalse();
        assertThat(incomplete(id)).isEqualTo(1);

        // handed again as the scheduled job does, round after round (a round may find another resubmission under way)
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (int round = 0; (incomplete(id) > 0 || !listener.handled(id)) && System.nanoTime() < until; round++) {
            if (round % 20 == 0 && !listener.handled(id)) {
                redelivery.redeliverOlderThan(Duration.ZERO);
            }
            Thread.sleep(100);
        }
        assertThat(listener.handled(id)).isTrue();
        assertThat(incomplete(id)).isZero();
        assertThat(listener.attempts(id)).isEqualTo(2);
    }

    @Test
    void aPublicationYoungerThanTheWaitIsLeftToTheListenerStillAtIt(Scenario scenario) throws Exception {
        String id = "flaky-" + System.nanoTime();
        listener.failFirst(id, 1);
        scenario.publish(new Flaky(id)).andWaitForStateChange(() -> listener.attempts(id), n -> n > 0);

        redelivery.redeliverOlderThan(Duration.ofHours(1));
        Thread.sleep(500);

        assertThat(listener.attempts(id)).isEqualTo(1);
        assertThat(incomplete(id)).isEqualTo(1);

        // not left behind for the tests after this one, which wait for every publication to complete
        publications.resubmitIncompletePublications(p -> p.getEvent() instanceof Flaky f && f.id().equals(id));
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (incomplete(id) > 0 && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(incomplete(id)).isZero();
    }
}
