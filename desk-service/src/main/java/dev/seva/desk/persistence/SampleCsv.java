package dev.seva.desk.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample data's CSV (RFC 4180: a header row naming the columns, fields quoted when they hold a comma or a
 * quote, a quote doubled inside one). Each row as column name to value; an empty field is null.
 */
public final class SampleCsv {

    private SampleCsv() {
    }

    public static List<Map<String, String>> read(InputStream in) throws IOException {
        List<List<String>> rows = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> header = rows.get(0);
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row " + i + " has " + row.size() + " fields, the header " + header.size());
            }
            Map<String, String> named = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                named.put(header.get(c).strip(), row.get(c).isEmpty() ? null : row.get(c));
            }
            out.add(named);
        }
        return out;
    }

    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(ch);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
