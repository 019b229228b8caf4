package io.siban.hall;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;

/** A service window (窗口) and the queues it serves (its skills). */
@Entity
@Table(name = "hall_window")
public class HallWindow extends PanacheEntityBase {
    @EmbeddedId
    public Key key;
    public String name;
    @Enumerated(EnumType.STRING)
    public WindowStatus status;
    public String[] queues;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Embeddable
    public record Key(@Column(name = "hall_code") String hallCode, @Column(name = "number") int number) implements Serializable {
    }
}
