package dev.seva.operations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A service's database: every table of its schema with a {@code citizen_ref} column (each service names
 * the citizen so: conversation's citizen, application, session, handover; desk's applications and threads;
 * document's documents; notification's deliveries and media; the vault's Aadhaar rows and citizens' keys),
 * and the events still waiting in its outbox. Read-only, in one read-only transaction.
 */
final class DatabaseScan {

    private DatabaseScan() {
    }

    static BreachScope.Found scan(Connection connection) throws SQLException {
        Set<String> refs = BreachScope.sorted();
        List<String> tables = new ArrayList<>();
        try (PreparedStatement columns = connection.prepareStatement(
                "SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t"
                        + " ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
                        + " WHERE c.table_schema = current_schema() AND c.column_name = 'citizen_ref' AND t.table_type = 'BASE TABLE'"
                        + " ORDER BY c.table_name");
             ResultSet rs = columns.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        for (String table : tables) {
            // The name comes from the catalogue, quoted as an identifier: no input reaches this statement.
            try (Statement select = connection.createStatement();
                 ResultSet rs = select.executeQuery("SELECT DISTINCT citizen_ref FROM " + quoted(table) + " WHERE citizen_ref IS NOT NULL")) {
                while (rs.next()) {
                    refs.add(rs.getString(1));
                }
            }
        }
        long withoutRef = 0;
        if (hasOutbox(connection)) {
            tables.add("outbox");
            try (Statement select = connection.createStatement();
                 ResultSet rs = select.executeQuery("SELECT payload FROM outbox WHERE payload IS NOT NULL")) {
                while (rs.next()) {
                    if (!CitizenRefs.collect(rs.getString(1), refs)) {
                        withoutRef++;
                    }
                }
            }
        }
        return new BreachScope.Found(refs, tables.size(), withoutRef, "tables: " + String.join(", ", tables));
    }

    private static boolean hasOutbox(Connection connection) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("SELECT 1 FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = 'outbox' AND column_name = 'payload'");
             ResultSet rs = q.executeQuery()) {
            return rs.next();
        }
    }

    static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
