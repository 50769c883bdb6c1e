package dev.seva.desk.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** An officer the desk has seen, per department (to assign applications to). */
@Entity
@Table(name = "desk_officer")
@IdClass(OfficerRow.Key.class)
public class OfficerRow extends PanacheEntityBase {

    @Id
    @Column(name = "user_name")
    public String userName;

    @Id
    @Column(name = "department_id")
    public String departmentId;

    @Column(name = "display_name")
    public String displayName;

    public boolean supervisor;

    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    public static class Key implements Serializable {
        public String userName;
        public String departmentId;

        public Key() {
        }

        public Key(String userName, String departmentId) {
            this.userName = userName;
            this.departmentId = departmentId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userName, k.userName) && Objects.equals(departmentId, k.departmentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userName, departmentId);
        }
    }
}
