package dev.seva.conversation.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "citizen")
public class CitizenRow extends PanacheEntityBase {

    public static final String ACCEPTED = "accepted";
    public static final String DECLINED = "declined";

    @Id
    @Column(name = "citizen_ref")
    public String citizenRef;

    @Column(name = "address_key")
    public String addressKey;

    @Column(name = "wa_id")
    public String waId;

    @Column(name = "user_id")
    public String userId;

    @Column(name = "phone_number_id")
    public String phoneNumberId;

    public String language;

    public String consent;

    @Column(name = "consent_notice_version")
    public int consentNoticeVersion;

    @Column(name = "consent_at")
    public Instant consentAt;

    @Column(name = "last_inbound_at")
    public Instant lastInboundAt;

    @Column(name = "created_at")
    public Instant createdAt;

    public static Uni<CitizenRow> byAddress(String addressKey) {
        return find("addressKey", addressKey).firstResult();
    }
}
