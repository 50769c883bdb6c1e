package dev.seva.devstack;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import jakarta.persistence.Entity;

/** An entity of the probe application, persisted through Hibernate Reactive Panache. */
@Entity
public class Probe extends PanacheEntity {
    public String note;
}
