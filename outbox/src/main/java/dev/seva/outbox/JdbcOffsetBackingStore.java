package dev.seva.outbox;

import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Debezium's offsets in the service's own database (table {@code outbox_relay_offset}), not in a
 * file: a relay restarted on another pod resumes where the last one stopped.
 * Configured with {@code offset.storage.seva.jdbc.url|user|password} and {@code offset.storage.seva.relay}.
 */
public class JdbcOffsetBackingStore extends MemoryOffsetBackingStore {

    static final String URL = "offset.storage.seva.jdbc.url";
    static final String USER = "offset.storage.seva.jdbc.user";
    static final String PASSWORD = "offset.storage.seva.jdbc.password";
    static final String RELAY = "offset.storage.seva.relay";

    private String url;
    private String user;
    private String password;
    private String relay;
    /** Offsets are saved after every batch: on one kept connection. */
    private KeptConnection connection;

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        Map<String, Object> originals = config.originals();
        url = (String) originals.get(URL);
        user = (String) originals.get(USER);
        password = (String) originals.get(PASSWORD);
        relay = (String) originals.get(RELAY);
        connection = new KeptConnection(url, user, password, false);
    }

    @Override
    public synchronized void start() {
        super.start();
        Map<ByteBuffer, ByteBuffer> loaded = new HashMap<>();
        try (Connection c = connect();
             PreparedStatement st = c.prepareStatement("SELECT offset_key, offset_value FROM outbox_relay_offset WHERE relay_name = ?")) {
            st.setString(1, relay);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    byte[] value = rs.getBytes(2);
                    loaded.put(ByteBuffer.wrap(rs.getBytes(1)), value == null ? null : ByteBuffer.wrap(value));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not load the outbox relay's offsets", e);
        }
        data = loaded;
    }

    @Override
    protected synchronized void save() {
        try {
            upsertOffsets();
        } catch (SQLException first) {
            connection.close(); // a broken connection (PostgreSQL restarted): one retry on a new one
            try {
                upsertOffsets();
            } catch (SQLException e) {
                e.addSuppressed(first);
                throw new IllegalStateException("Could not save the outbox relay's offsets", e);
            }
        }
    }

    private void upsertOffsets() throws SQLException {
        Connection c = connection.get();
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO outbox_relay_offset (relay_name, offset_key, offset_value, updated_at) VALUES (?, ?, ?, now()) "
                        + "ON CONFLICT (relay_name, offset_key) DO UPDATE SET offset_value = EXCLUDED.offset_value, updated_at = now()")) {
            for (Map.Entry<ByteBuffer, ByteBuffer> entry : data.entrySet()) {
                st.setString(1, relay);
                st.setBytes(2, bytes(entry.getKey()));
                st.setBytes(3, entry.getValue() == null ? null : bytes(entry.getValue()));
                st.addBatch();
            }
            st.executeBatch();
            c.commit();
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is broken; the caller replaces it
            }
            throw e;
        }
    }

    @Override
    public synchronized void stop() {
        super.stop();
        connection.close();
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
