package org.khanaen.rewards;

import java.time.Duration;
import java.util.Base64;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code khanaen.rewards}.
 *
 * @param passKey   signs the coupons' QR payloads and the donors' wallet links: 32 random bytes, base64
 *                  ({@code KHANAEN_REWARDS_PASS_KEY}); production refuses to start without it
 * @param publicUrl how people reach the app, for the wallet link in mail
 * @param chain     the chain the coupons are minted on; without {@code rpc-url} nothing is minted and coupons
 *                  wait ("awaiting mint") until a chain is configured
 */
@ConfigurationProperties("khanaen.rewards")
record RewardsProperties(String passKey, @DefaultValue("http://localhost:8080") String publicUrl,
        @NestedConfigurationProperty @DefaultValue Chain chain) {

    /**
     * @param rpcUrl         any EVM JSON-RPC endpoint
     * @param privateKey     the key that owns the contract (mints, records redemptions), hex
     * @param contract       the contract's address
     * @param custody        where tokens of holders without a wallet are kept; empty: the key's own address
     * @param batchSize      coupons per transaction
     * @param pollInterval   how often the minter looks for work
     * @param receiptTimeout how long a sent transaction may stay without a receipt before the chain is asked
     *                       which of its coupons exist and the rest go back in the queue
     * @param gasPerCoupon   gas limit per coupon in a batch, on top of {@code gasPerBatch}
     * @param lease          how long a node holds the right to send (renewed every batch); another node takes over after it
     */
    record Chain(String rpcUrl, String privateKey, String contract, String custody, @DefaultValue("500") int batchSize,
            @DefaultValue("2s") Duration pollInterval, @DefaultValue("2m") Duration receiptTimeout,
            @DefaultValue("40000") long gasPerCoupon, @DefaultValue("100000") long gasPerBatch, @DefaultValue("30s") Duration lease) {

        Chain {
            if (batchSize < 1 || batchSize > 2_000) {
                throw new IllegalStateException("khanaen.rewards.chain.batch-size must be between 1 and 2000");
            }
            if (enabled(rpcUrl) && (privateKey == null || privateKey.isBlank() || contract == null || contract.isBlank())) {
                throw new IllegalStateException(
                        "khanaen.rewards.chain.rpc-url is set: khanaen.rewards.chain.private-key and .contract are needed too");
            }
        }

        boolean enabled() {
            return enabled(rpcUrl);
        }

        private static boolean enabled(String url) {
            return url != null && !url.isBlank();
        }
    }

    RewardsProperties {
        passKeyBytes(passKey);
    }

    byte[] passKeyBytes() {
        return passKeyBytes(passKey);
    }

    String link(String path) {
        return publicUrl.replaceAll("/+$", "") + path;
    }

    private static byte[] passKeyBytes(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("khanaen.rewards.pass-key is not set: give it 32 random bytes in base64 (openssl rand -base64 32)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("khanaen.rewards.pass-key is not valid base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("khanaen.rewards.pass-key must be 32 bytes (256 bits), not " + key.length);
        }
        return key;
    }
}
