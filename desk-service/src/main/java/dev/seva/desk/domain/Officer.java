package dev.seva.desk.domain;

import java.util.Set;
import java.util.TreeSet;

/**
 * Who is signed in, from the token's realm roles only: {@code dept-<d>-officer} works department d's
 * applications, {@code dept-<d>-supervisor} also sees its escalations, {@code auditor} reads and exports
 * the audit log. A token's other claims (groups, client roles) grant nothing here.
 */
public record Officer(String userName, String displayName, Set<String> roles) {

    public static final String AUDITOR = "auditor";

    public boolean worksFor(String departmentId) {
        return roles.contains("dept-" + departmentId + "-officer") || supervises(departmentId);
    }

    public boolean supervises(String departmentId) {
        return roles.contains("dept-" + departmentId + "-supervisor");
    }

    public boolean isAuditor() {
        return roles.contains(AUDITOR);
    }

    /** The departments this officer works for, in name order. */
    public Set<String> departments() {
        Set<String> departments = new TreeSet<>();
        for (String role : roles) {
            if (role.startsWith("dept-") && (role.endsWith("-officer") || role.endsWith("-supervisor"))) {
                departments.add(role.substring(5, role.lastIndexOf('-')));
            }
        }
        return departments;
    }
}
