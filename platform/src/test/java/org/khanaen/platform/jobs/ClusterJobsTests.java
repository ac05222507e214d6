package org.khanaen.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Two nodes — two application contexts with their own node names and lock providers — on the one database: a job
 * that both start at the same moment runs on one of them. Without the lock both run, and these tests fail.
 */
@SpringBootTest
class ClusterJobsTests {

    /** Both nodes count into this: it stands for the job's effect on the shared world. */
    static final AtomicInteger RUNS = new AtomicInteger();
    /** A run waits here, so the other node tries while it still runs. */
    static volatile CountDownLatch release = new CountDownLatch(0);

    /** One thread per node (the common pool may have a single thread on a small machine, and run them one by one). */
    final ExecutorService threads = Executors.newFixedThreadPool(4);

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @BeforeEach
    void noLeasesYet() {
        jdbc.sql("delete from shedlock where name like 'test.%'").update();
        jdbc.sql("delete from job_run where name like 'test.%'").update();
        RUNS.set(0);
    }

    @Test
    void anAnnotatedJobStartedOnTwoNodesAtOnceRunsOnOne() throws Exception {
        ConfigurableApplicationContext a = node("a"), b = node("b");
        try {
            release = new CountDownLatch(1);
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> a.getBean(Job.class).work(), threads);
            awaitRuns(1);
            b.getBean(Job.class).work(); // node b's scheduler fires while node a's run is in progress
            release.countDown();
            first.get(10, TimeUnit.SECONDS);

            assertThat(RUNS).hasValue(1);
            assertThat(jdbc.sql("select locked_by from shedlock where name = 'test.job'").query(String.class).single()).isEqualTo("a");
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void aJobRunsAgainOnAnyNodeOnceTheRunBeforeEnded() {
        ConfigurableApplicationContext a = node("a"), b = node("b");
        try {
            a.getBean(Job.class).work();
            b.getBean(Job.class).work();
            assertThat(RUNS).hasValue(2);
            assertThat(jdbc.sql("select locked_by from shedlock where name = 'test.job'").query(String.class).single()).isEqualTo("b");
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void everyRunIsWrittenDownWithItsNodeAndTimesThatDoNotOverlap() {
        ConfigurableApplicationContext a = node("a"), b = node("b");
        try {
            a.getBean(Job.class).work();
            b.getBean(Job.class).work();
            b.getBean(ClusterJobs.class).once("test.coded", Duration.ofMinutes(1), RUNS::incrementAndGet);

            record Run(String name, String node, long started, long ended) {
            }
            List<Run> runs = jdbc.sql("select name, node, started_ms as started, ended_ms as ended from job_run where name like 'test.%' order by started_ms, id")
                    .query(Run.class).list();
            assertThat(runs).extracting(Run::name, Run::node).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("test.job", "a"), org.assertj.core.groups.Tuple.tuple("test.job", "b"),
                    org.assertj.core.groups.Tuple.tuple("test.coded", "b"));
            assertThat(runs.get(0).ended()).isLessThanOrEqualTo(runs.get(1).started());
            assertThat(runs).allSatisfy(r -> assertThat(r.ended()).isGreaterThanOrEqualTo(r.started()));
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void aJobScheduledInCodeRunsOnOneNodeAtATime() throws Exception {
        ConfigurableApplicationContext a = node("a"), b = node("b");
        try {
            release = new CountDownLatch(1);
            Runnable job = () -> {
                RUNS.incrementAndGet();
                awaitRelease();
            };
            CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(
                    () -> a.getBean(ClusterJobs.class).once("test.coded", Duration.ofMinutes(1), job), threads);
            awaitRuns(1);
            boolean second = b.getBean(ClusterJobs.class).once("test.coded", Duration.ofMinutes(1), job);
            release.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(second).isFalse();
            assertThat(RUNS).hasValue(1);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void manyNodesRacingForTheSameRoundRunItOnce() throws Exception {
        List<ConfigurableApplicationContext> nodes = List.of(node("n1"), node("n2"), node("n3"), node("n4"));
        try {
            release = new CountDownLatch(1);
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Void>> runs = nodes.stream().map(n -> CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                n.getBean(Job.class).work();
            }, threads)).toList();
            start.countDown();
            awaitRuns(1);
            Thread.sleep(300); // the others have had their try
            release.countDown();
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            assertThat(RUNS).hasValue(1);
        } finally {
            nodes.forEach(ConfigurableApplicationContext::close);
        }
    }

    /** A node: the platform's job configuration (as the app's auto-configuration sets it up) on the shared database, under its own name. */
    private ConfigurableApplicationContext node(String name) {
        var context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("node", Map.of("khanaen.jobs.node-name", name)));
        context.registerBean(DataSource.class, () -> new DelegatingDataSource(dataSource)); // not closed with the node
        context.registerBean(Job.class);
        context.register(AopAutoConfiguration.class, ClusterJobsAutoConfiguration.class);
        context.refresh();
        return context;
    }

    private static void awaitRuns(int runs) throws InterruptedException {
        for (int i = 0; i < 500 && RUNS.get() < runs; i++) {
            Thread.sleep(10);
        }
        assertThat(RUNS.get()).isGreaterThanOrEqualTo(runs);
    }

    private static void awaitRelease() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A scheduled job as the modules write one. */
    static class Job {

        @SchedulerLock(name = "test.job", lockAtMostFor = "PT1M")
        public void work() {
            RUNS.incrementAndGet();
            awaitRelease();
        }
    }
}
