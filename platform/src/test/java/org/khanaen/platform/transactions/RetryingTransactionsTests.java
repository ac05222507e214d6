package org.khanaen.platform.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionOperations;

class RetryingTransactionsTests {

    /** What a Galera node answers when another node committed the same row first: a deadlock, found at commit. */
    static final SQLException CERTIFICATION_FAILURE = new SQLTransactionRollbackException(
            "WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction", "40001", 1213);

    final AtomicInteger attempts = new AtomicInteger();
    final RetryingTransactions transactions = new RetryingTransactions(TransactionOperations.withoutTransaction(), 4);

    @Test
    void aTransactionThatLostACertificationAtCommitRunsAgain() {
        String result = transactions.execute(status -> {
            if (attempts.incrementAndGet() < 3) {
                // how a commit failure may reach us: wrapped by the transaction manager, Spring's translation lost
                throw new TransactionSystemException("Could not commit JPA transaction", CERTIFICATION_FAILURE);
            }
            return "stored";
        });
        assertThat(result).isEqualTo("stored");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aDeadlockTranslatedBySpringRunsAgainButOnlyAsOftenAsAllowed() {
        assertThatThrownBy(() -> transactions.execute(status -> {
            attempts.incrementAndGet();
            throw new CannotAcquireLockException("Deadlock found when trying to get lock");
        })).isInstanceOf(CannotAcquireLockException.class);
        assertThat(attempts).hasValue(4);
    }

    @Test
    void anyOtherFailureIsNotRetried() {
        assertThatThrownBy(() -> transactions.execute(status -> {
            attempts.incrementAndGet();
            throw new DuplicateKeyException("a key used twice", new SQLException("Duplicate entry", "23000", 1062));
        })).isInstanceOf(DuplicateKeyException.class);
        assertThat(attempts).hasValue(1);
    }
}
