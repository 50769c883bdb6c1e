package dev.seva.catalogue.domain;

import java.util.Set;

/**
 * Who changes the catalogue: a {@code catalogue-admin} may change everything; a
 * {@code dept-<id>-officer} only the services of department {@code <id>}.
 */
public record Actor(String name, Set<String> roles) {

    public static final String ADMIN = "catalogue-admin";

    public static String officerRole(String departmentId) {
        return "dept-" + departmentId + "-officer";
    }

    public boolean mayManage(String departmentId) {
        return roles.contains(ADMIN) || roles.contains(officerRole(departmentId));
    }
}
