package dev.seva.catalogue.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A department as stored; names are JSON {@code {en, te, hi}}. */
@Entity
@Table(name = "department")
public class DepartmentRow extends PanacheEntityBase {

    @Id
    public String id;

    public String names;

    public String descriptions;

    public int position;
}
