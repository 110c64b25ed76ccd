package com.goafwatch.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Tells PostgreSQL who is changing data: at the start of every transaction the current {@link Actor} is
 * set as the transaction-local setting {@code goafwatch.actor}, which the audit triggers record. Being
 * transaction-local, it can never leak to the next user of a pooled connection.
 */
final class AuditingTransactionManager extends JdbcTransactionManager {

    AuditingTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition) throws SQLException {
        super.prepareTransactionalConnection(con, definition);
        if (definition.isReadOnly()) {
            return;
        }
        try (PreparedStatement s = con.prepareStatement("SELECT set_config('goafwatch.actor', ?, true)")) {
            s.setString(1, Actor.current());
            s.execute();
        }
    }
}
