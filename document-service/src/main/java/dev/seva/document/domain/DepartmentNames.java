package dev.seva.document.domain;

import java.util.Locale;
import java.util.Map;

/** Departments' and officers' names as certificates print them, from the templates' catalogue. */
public record DepartmentNames(Map<String, Bilingual> departments, Map<String, String> designationsTe) {

    public DepartmentNames {
        departments = Map.copyOf(departments);
        designationsTe = Map.copyOf(designationsTe);
    }

    /** The department's printed name; an unknown id prints as itself, capitalised. */
    public Bilingual department(String departmentId) {
        Bilingual known = departments.get(departmentId);
        if (known != null) {
            return known;
        }
        String name = departmentId.substring(0, 1).toUpperCase(Locale.ROOT) + departmentId.substring(1) + " Department";
        return new Bilingual(name, name);
    }

    /** The officer's designation in both languages (Telugu when the catalogue knows it); "Issuing officer" when none was given. */
    public Bilingual designation(String designation) {
        if (designation == null || designation.isBlank()) {
            return new Bilingual("Issuing officer", "జారీ చేసిన అధికారి");
        }
        return new Bilingual(designation, designationsTe.getOrDefault(designation, designation));
    }
}
