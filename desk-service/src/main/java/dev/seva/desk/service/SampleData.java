package dev.seva.desk.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.seva.contracts.EventJson;
import dev.seva.desk.config.DeskConfig;
import dev.seva.desk.persistence.SampleCsv;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample bills and records of the local run and the tests ({@code sample-data/bills.csv},
 * {@code sample-data/records.csv}), loaded at start-up when {@code seva.desk.sample-data} is true (the dev and
 * test profiles; {@code DESK_SAMPLE_DATA}), never in production: a department answers from its own system or
 * imports its real data. Idempotent (ON CONFLICT DO NOTHING): a bill paid in an earlier run stays paid. Over
 * JDBC, once, before the consumers take their first record.
 */
@ApplicationScoped
public class SampleData {

    private static final Logger LOG = Logger.getLogger(SampleData.class);
    static final String BILLS = "sample-data/bills.csv";
    static final String RECORDS = "sample-data/records.csv";

    @Inject
    DeskConfig config;

    @Inject
    DataSource dataSource;

    void onStart(@Observes StartupEvent start) throws SQLException {
        if (!config.sampleData()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            int bills = loadBills(c, csv(BILLS));
            int records = loadRecords(c, csv(RECORDS));
            LOG.infof("Sample data (DESK_SAMPLE_DATA): %d bill(s) and %d record(s) added", bills, records);
        }
    }

    static List<Map<String, String>> csv(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return SampleCsv.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int loadBills(Connection c, List<Map<String, String>> rows) throws SQLException {
        String sql = "INSERT INTO desk_bill (bill_id, department_id, service_id, lookup_key, area, check_value, period, due_date,"
                + " amount_paise, holder_name, address, status, paid_at, receipt_number) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (bill_id) DO NOTHING";
        int added = 0;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (Map<String, String> r : rows) {
                ObjectNode period = EventJson.mapper().createObjectNode()
                        .put("en", r.get("period_en")).put("te", r.get("period_te")).put("hi", r.get("period_hi"));
                s.setString(1, r.get("bill_id"));
                s.setString(2, r.get("department_id"));
                s.setString(3, r.get("service_id"));
                s.setString(4, r.get("lookup_key"));
                s.setString(5, r.get("area"));
                s.setString(6, r.get("check_value"));
                s.setString(7, period.toString());
                s.setDate(8, Date.valueOf(LocalDate.parse(r.get("due_date"))));
                s.setLong(9, Long.parseLong(r.get("amount_paise")));
                s.setString(10, r.get("holder_name"));
                s.setString(11, r.get("address"));
                s.setString(12, r.get("status"));
                s.setTimestamp(13, r.get("paid_at") == null ? null : Timestamp.from(Instant.parse(r.get("paid_at"))));
                s.setString(14, r.get("receipt_number"));
                added += s.executeUpdate();
            }
        }
        return added;
    }

    /** One CSV row a line of a record: the rows of one (service, key) in order make its lines. */
    private static int loadRecords(Connection c, List<Map<String, String>> rows) throws SQLException {
        Map<String, Map<String, String>> records = new LinkedHashMap<>();
        Map<String, ArrayNode> lines = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            String id = r.get("service_id") + "\n" + r.get("lookup_key");
            records.putIfAbsent(id, r);
            ObjectNode line = EventJson.mapper().createObjectNode();
            line.putObject("label").put("en", r.get("label_en")).put("te", r.get("label_te")).put("hi", r.get("label_hi"));
            line.put("value", r.get("value")).put("personal", Boolean.parseBoolean(r.get("personal")));
            lines.computeIfAbsent(id, k -> EventJson.mapper().createArrayNode()).add(line);
        }
        String sql = "INSERT INTO desk_record (department_id, service_id, lookup_key, check_value, lines) VALUES (?, ?, ?, ?, ?::jsonb)"
                + " ON CONFLICT (service_id, lookup_key) DO NOTHING";
        int added = 0;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (Map.Entry<String, Map<String, String>> e : records.entrySet()) {
                Map<String, String> r = e.getValue();
                s.setString(1, r.get("department_id"));
                s.setString(2, r.get("service_id"));
                s.setString(3, r.get("lookup_key"));
                s.setString(4, r.get("check_value"));
                s.setString(5, lines.get(e.getKey()).toString());
                added += s.executeUpdate();
            }
        }
        return added;
    }
}
