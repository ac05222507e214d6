package org.khanaen.platform.jobs;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

/**
 * Scheduled work once across the cluster, wherever there is a database: ShedLock's row-based leases in the
 * {@code shedlock} table. The database's clock decides when a lease runs out (usingDbTime): the nodes' own clocks
 * may disagree, the database's is one. Not GET_LOCK, which a Galera cluster keeps per node. Two nodes that take
 * the same free lease at once through two Galera nodes both update the row, and one of them fails certification at
 * commit: ShedLock counts that as "not locked", so exactly one runs. {@code @SchedulerLock} on a bean's method
 * (the {@code @Scheduled} entry points) goes through a proxy; a default of 10 minutes holds only if the node dies.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@EnableConfigurationProperties(ClusterJobsProperties.class)
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
public class ClusterJobsAutoConfiguration {

    @Bean
    @ConditionalOnBean(DataSource.class)
    @ConditionalOnMissingBean(LockProvider.class)
    RecordedLeases lockProvider(DataSource dataSource, ClusterJobsProperties properties) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return new RecordedLeases(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(jdbc)
                .withTableName("shedlock")
                .usingDbTime()
                .withLockedByValue(properties.nodeName())
                .build()), jdbc, properties.nodeName());
    }

    @Bean
    @ConditionalOnBean(RecordedLeases.class)
    JobRunsPurge jobRunsPurge(RecordedLeases runs, ClusterJobs jobs) {
        return new JobRunsPurge(runs, jobs);
    }

    @Bean
    @ConditionalOnBean(LockProvider.class)
    @ConditionalOnMissingBean
    ClusterJobs clusterJobs(LockProvider lockProvider) {
        return new ClusterJobs(lockProvider);
    }
}
