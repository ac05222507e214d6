package org.khanaen.rewards;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.transaction.PlatformTransactionManager;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

import okhttp3.OkHttpClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RewardsProperties.class)
class RewardsConfiguration {

    /** Only with {@code khanaen.rewards.chain.rpc-url}: without it coupons wait, "awaiting mint". */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${khanaen.rewards.chain.rpc-url:}' != ''")
    static class Chain {

        @Bean(destroyMethod = "shutdown")
        Web3j rewardsWeb3j(RewardsProperties properties) {
            OkHttpClient http = new OkHttpClient.Builder().connectTimeout(5, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS).build();
            return Web3j.build(new HttpService(properties.chain().rpcUrl().strip(), http));
        }

        @Bean
        ChainGateway chainGateway(Web3j rewardsWeb3j, RewardsProperties properties) {
            return new Web3jGateway(rewardsWeb3j, properties.chain());
        }

        /** Read committed: the outbox's updates take no gap locks that issuers' inserts would deadlock with. */
        @Bean(destroyMethod = "release")
        Minter minter(ChainGateway gateway, ChainOps ops, ChainBatches batches, IssuedCoupons coupons, MinterLease lease,
                ChainAnchors anchors, PlatformTransactionManager transactions, Clock clock, RewardsProperties properties) {
            return new Minter(gateway, ops, batches, coupons, lease, anchors, Minter.transactions(transactions), clock, properties.chain());
        }

        /** Every poll interval, wherever scheduling is on; a test that drives {@link Minter#run} itself turns it off. */
        @Bean
        @ConditionalOnProperty(name = "khanaen.rewards.chain.scheduled", havingValue = "true", matchIfMissing = true)
        SchedulingConfigurer minterSchedule(Minter minter, RewardsProperties properties) {
            return registrar -> registrar.addFixedDelayTask(
                    new FixedDelayTask(minter::runQuietly, properties.chain().pollInterval(), properties.chain().pollInterval()));
        }
    }
}
