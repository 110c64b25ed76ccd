package com.goafwatch.system;

import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a database import for real and then rolls it back, so a preview validates exactly what the import would (every
 * constraint, every trigger, the same problem details) and reports its counts, yet writes nothing. The work's own
 * {@code @Transactional} joins this transaction; listeners running in it are rolled back with it, and after-commit
 * listeners never fire.
 */
@Component
public class DryRun {

    private final TransactionTemplate transactions;

    DryRun(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** {@code work} in a transaction that is always rolled back; its exceptions pass through unchanged. */
    public <T> T rolledBack(Supplier<T> work) {
        return transactions.execute(status -> {
            status.setRollbackOnly();
            return work.get();
        });
    }

    /** {@code work} rolled back when {@code dryRun}, else run as it is. */
    public <T> T maybe(boolean dryRun, Supplier<T> work) {
        return dryRun ? rolledBack(work) : work.get();
    }
}
