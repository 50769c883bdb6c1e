package dev.seva.desk.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.io.Serializable;
import java.util.Objects;

/**
 * A record to show in the desk's data (V3__lookups_and_bills.sql): a result, a status, a licence's or a
 * vehicle's details. {@code lines} is the jsonb of [{label: {en, te, hi}, value, personal}], read as its text.
 */
@Entity
@Table(name = "desk_record")
@IdClass(RecordRow.Key.class)
public class RecordRow extends PanacheEntityBase {

    @Id
    @Column(name = "service_id")
    public String serviceId;

    @Id
    @Column(name = "lookup_key")
    public String lookupKey;

    @Column(name = "department_id")
    public String departmentId;

    @Column(name = "check_value")
    public String checkValue;

    @ColumnTransformer(read = "lines::text", write = "?::jsonb")
    public String lines;

    public static class Key implements Serializable {
        public String serviceId;
        public String lookupKey;

        public Key() {
        }

        public Key(String serviceId, String lookupKey) {
            this.serviceId = serviceId;
            this.lookupKey = lookupKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(serviceId, k.serviceId) && Objects.equals(lookupKey, k.lookupKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(serviceId, lookupKey);
        }
    }
}
