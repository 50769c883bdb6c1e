package dev.seva.outbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * One JDBC connection kept for a relay's life and opened again when it broke: the relay works after
 * every batch, and a new PostgreSQL connection each time (a backend process forked) costs more than
 * the batch.
 */
final class KeptConnection implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private final boolean autoCommit;
    private Connection connection;

    KeptConnection(String url, String user, String password, boolean autoCommit) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.autoCommit = autoCommit;
    }

    synchronized Connection get() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(url, user, password);
            connection.setAutoCommit(autoCommit);
        }
        return connection;
    }

    /** Closes it (quietly: it may be broken); the next {@link #get()} opens a new one. */
    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a broken connection
            }
            connection = null;
        }
    }
}
