package io.siban.hall;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

@Entity
@Table(name = "hall")
public class Hall extends PanacheEntityBase {
    @Id
    public String code;
    public String name;
    @Column(name = "calendar_id")
    public String calendarId;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
