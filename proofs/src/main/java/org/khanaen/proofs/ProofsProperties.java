package org.khanaen.proofs;

import java.time.Duration;
import java.util.Base64;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code khanaen.proofs}.
 *
 * @param pseudonymKey the secret behind submitters' and verifiers' pseudonyms: at least 32 random bytes, base64
 *                     ({@code KHANAEN_PROOFS_PSEUDONYM_KEY}); production refuses to start without it. Changing it
 *                     changes every pseudonym of entries not yet anchored only (anchored texts are kept as they were)
 * @param every        how often new entries are rolled into a tree and its root handed to the chain outbox: one
 *                     transaction per round, whatever the number of reports
 * @param maxLeaves    the most entries one tree takes (the rest go into the next round's)
 * @param scheduled    off in tests that drive the rounds themselves
 * @param lookBack     a round sweeps for new entries from where the newest round this old got to ({@link SweepMarks})
 * @param fullSweepEvery every this many rounds, one sweeps from the start (a transaction held open past the look-back)
 */
@ConfigurationProperties("khanaen.proofs")
record ProofsProperties(String pseudonymKey, @DefaultValue("1m") Duration every, @DefaultValue("200000") int maxLeaves,
        @DefaultValue("true") boolean scheduled, @DefaultValue("5m") Duration lookBack, @DefaultValue("30") int fullSweepEvery) {

    ProofsProperties {
        key(pseudonymKey);
        if (maxLeaves < 1) {
            throw new IllegalStateException("khanaen.proofs.max-leaves must be at least 1");
        }
    }

    byte[] key() {
        return key(pseudonymKey);
    }

    private static byte[] key(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "khanaen.proofs.pseudonym-key is not set: give it 32 random bytes in base64 (openssl rand -base64 32)");
        }
        try {
            return Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("khanaen.proofs.pseudonym-key is not valid base64");
        }
    }
}
