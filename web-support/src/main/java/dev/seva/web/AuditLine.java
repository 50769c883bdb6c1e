package dev.seva.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One audit record of an operator's request, as the JSON line {@link OperatorAuditFilter} logs. */
record AuditLine(Instant time, String subject, Set<String> roles, String method, String path, int status) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** True for a path under one of the prefixes ({@code /admin} covers {@code /admin} and {@code /admin/x}, not {@code /administer}). */
    static boolean audited(String path, Collection<String> prefixes) {
        if (path == null) {
            return false;
        }
        for (String raw : prefixes) {
            String prefix = raw.strip();
            if (prefix.endsWith("/") && prefix.length() > 1) {
                prefix = prefix.substring(0, prefix.length() - 1);
            }
            if (!prefix.isEmpty() && (path.equals(prefix) || path.startsWith(prefix + "/"))) {
                return true;
            }
        }
        return false;
    }

    /** The path without a query string, whatever the caller passed (the query may carry a citizen's data). */
    static String withoutQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    String json() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("audit", "operator-access");
        line.put("time", time.toString());
        line.put("subject", subject);
        line.put("roles", new TreeSet<>(roles));
        line.put("method", method);
        line.put("path", withoutQuery(path));
        line.put("status", status);
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An audit line could not be written as JSON", e);
        }
    }
}
