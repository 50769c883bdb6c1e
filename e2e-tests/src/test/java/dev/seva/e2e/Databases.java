package dev.seva.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The e2e platform's PostgreSQL seen as an insider with the superuser's password would see it: every
 * database, every table. Used to show that a citizen's Aadhaar number is stored nowhere in clear (the
 * catalogue's cache of search answers in conversation-service's database included); the vault's own
 * database holds it only encrypted.
 */
final class Databases {

    static final String HOST = "127.0.0.1:25433";

    private Databases() {
    }

    /** "database.schema.table: rows" for every table in which some row, read as text, matches the POSIX regex. */
    static List<String> rowsMatching(String regex) {
        List<String> found = new ArrayList<>();
        for (String database : databases()) {
            try (Connection c = connect(database)) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables "
                                + "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    // A row as text: every column, bytea as hex (so a sealed or encrypted value never matches by chance).
                    try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM " + table + " t WHERE t::text ~ ?")) {
                        count.setString(1, regex);
                        try (ResultSet rs = count.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) > 0) {
                                found.add(database + "." + table + ": " + rs.getLong(1));
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read database " + database, e);
            }
        }
        return found;
    }

    /** The first column of a query's one row, e.g. a count. */
    static long count(String database, String sql, String parameter) {
        try (Connection c = connect(database); PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not query database " + database, e);
        }
    }

    static List<String> databases() {
        List<String> names = new ArrayList<>();
        try (Connection c = connect("postgres");
             ResultSet rs = c.createStatement().executeQuery("SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY datname")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list the databases on " + HOST, e);
        }
        return names;
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + "/" + database, "postgres", "postgres");
    }
}
