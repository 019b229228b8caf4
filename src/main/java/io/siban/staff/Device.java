package io.siban.staff;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A kiosk or hall display screen with its own long-lived token, and what that token may do. */
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
    /** Whether the device may issue PRIORITY and GREEN_CHANNEL tickets (a desk-side kiosk staff stand by). */
    @Column(name = "may_grant_priority")
    public boolean mayGrantPriority;
    /** Tickets it may issue a minute, so a stolen token cannot empty a hall's numbers. */
    @Column(name = "tickets_per_minute")
    public int ticketsPerMinute;
}
