package dev.seva.desk.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One entry of an application's history: a citizen's event or an officer's action or note. */
@Entity
@Table(name = "desk_history")
public class HistoryRow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String reference;

    public Instant at;

    public String actor;

    public String kind;

    public String detail;

    public static HistoryRow of(String reference, Instant at, String actor, String kind, String detailJson) {
        HistoryRow row = new HistoryRow();
        row.reference = reference;
        row.at = at;
        row.actor = actor;
        row.kind = kind;
        row.detail = detailJson;
        return row;
    }
}
