package dev.seva.catalogue.data;

import dev.seva.catalogue.domain.Department;
import dev.seva.contracts.catalogue.ServiceDefinition;

import java.util.List;

/** The catalogue as the data files define it: departments and their services (version 1 of each). */
public record Catalogue(List<Department> departments, List<ServiceDefinition> services) {
}
