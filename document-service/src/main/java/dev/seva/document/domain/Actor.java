package dev.seva.document.domain;

import java.util.Set;

/**
 * Who asks to revoke a document, as the OIDC token says: a {@code documents-admin} may revoke any
 * document; a {@code dept-<id>-officer} only documents issued by department {@code <id>} (the same
 * officer roles as the catalogue's admin API).
 */
public record Actor(String name, Set<String> roles) {

    public static final String ADMIN = "documents-admin";
    private static final String OFFICER_PREFIX = "dept-";
    private static final String OFFICER_SUFFIX = "-officer";

    public Actor {
        roles = Set.copyOf(roles);
    }

    public static String officerRole(String departmentId) {
        return OFFICER_PREFIX + departmentId + OFFICER_SUFFIX;
    }

    /** May revoke documents of this department. */
    public boolean mayRevoke(String departmentId) {
        return roles.contains(ADMIN) || roles.contains(officerRole(departmentId));
    }

    /** Holds a role that may revoke some document (admin, or an officer of any department). */
    public boolean mayRevokeAny() {
        return roles.contains(ADMIN) || roles.stream().anyMatch(r -> r.startsWith(OFFICER_PREFIX) && r.endsWith(OFFICER_SUFFIX)
                && r.length() > OFFICER_PREFIX.length() + OFFICER_SUFFIX.length());
    }
}
