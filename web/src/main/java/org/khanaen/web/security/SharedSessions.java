package org.khanaen.web.security;

import org.khanaen.platform.transactions.RetryingTransactions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.web.http.JdbcHttpSessionConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Sessions live in the database (Spring Session JDBC, tables SPRING_SESSION*), so a person's next request may land
 * on any node and a node may die without signing anyone out. Two requests of one browser on two nodes at once
 * update the same session row; through two Galera nodes one of them fails at commit, so a session's writes are
 * retried (they are the session's state as this request leaves it: writing it again is safe). Expired sessions are
 * deleted by one node a minute, not by every node (Spring Session's own clean-up is off: spring.session.jdbc.cleanup-cron).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // sessions only where there are requests
class SharedSessions {

    /**
     * Spring Session's writes in transactions that are retried on a conflict. Handed to its configuration directly: a
     * TransactionOperations bean would also make Boot drop the application's own TransactionTemplate.
     */
    @Bean
    static BeanPostProcessor retryingSessionTransactions(ObjectProvider<PlatformTransactionManager> transactions) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof JdbcHttpSessionConfiguration sessions) {
                    TransactionTemplate template = new TransactionTemplate(transactions.getObject());
                    template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW); // as Spring Session's own
                    sessions.setTransactionOperations(new RetryingTransactions(template, 5));
                }
                return bean;
            }
        };
    }

    /** The repository is Spring Session's auto-configured one, known only once this configuration is read: looked up late. */
    @Bean
    ExpiredSessions expiredSessions(ObjectProvider<JdbcIndexedSessionRepository> sessions) {
        return new ExpiredSessions(sessions);
    }

    static class ExpiredSessions {

        private final ObjectProvider<JdbcIndexedSessionRepository> sessions;

        ExpiredSessions(ObjectProvider<JdbcIndexedSessionRepository> sessions) {
            this.sessions = sessions;
        }

        @Scheduled(cron = "0 * * * * *")
        @SchedulerLock(name = "web.expired-sessions", lockAtMostFor = "PT10M", lockAtLeastFor = "PT30S")
        public void delete() {
            sessions.ifAvailable(JdbcIndexedSessionRepository::cleanUpExpiredSessions);
        }
    }
}
