package io.siban.hall;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;

/** A queue of a hall: a group of items sharing a ticket prefix (A, B, …). */
@Entity
@Table(name = "hall_queue")
public class HallQueue extends PanacheEntityBase {
    @EmbeddedId
    public Key key;
    public String prefix;
    public String name;

    @Embeddable
    public record Key(@Column(name = "hall_code") String hallCode, @Column(name = "code") String code) implements Serializable {
    }
}
