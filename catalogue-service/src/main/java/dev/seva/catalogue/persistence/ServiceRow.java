package dev.seva.catalogue.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A service as stored. {@code version} is the definition's version: every change is an UPDATE
 * guarded by the version the writer read (optimistic versioning, see CatalogueCommands).
 */
@Entity
@Table(name = "catalogue_service")
public class ServiceRow extends PanacheEntityBase {

    public static final String ACTIVE = "active";
    public static final String RETIRED = "retired";
    public static final String FROM_DATA_FILE = "data_file";
    public static final String FROM_ADMIN = "admin";

    @Id
    public String id;

    @Column(name = "department_id")
    public String departmentId;

    public int version;

    public String status;

    /** JSON of the contract's ServiceDefinition. */
    public String definition;

    public String source;

    @Column(name = "data_file_hash")
    public String dataFileHash;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;
}
