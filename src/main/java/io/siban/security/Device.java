package io.siban.security;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A kiosk or hall display screen with its own long-lived token. */
@Entity
@Table(name = "device")
public class Device extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    public String role;
    @Column(name = "hall_code")
    public String hallCode;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;
}
