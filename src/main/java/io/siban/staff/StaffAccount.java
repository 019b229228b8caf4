package io.siban.staff;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.List;

@Entity
@Table(name = "staff")
public class StaffAccount extends PanacheEntityBase {
    @Id
    public String username;
    @Column(name = "password_hash")
    public String passwordHash;
    public String[] roles;
    public String[] halls;
    /** Window numbers a clerk works at. */
    public Integer[] windows;
    /** Departments a supervisor answers for in their halls; null or empty: all of them. */
    public String[] departments;
    public boolean active;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "disabled_at")
    public OffsetDateTime disabledAt;

    public List<String> roleList() {
        return List.of(roles);
    }

    public List<String> hallList() {
        return List.of(halls);
    }

    public List<String> departmentList() {
        return departments == null ? List.of() : List.of(departments);
    }

    public List<Integer> windowList() {
        return windows == null ? List.of() : List.of(windows);
    }
}
