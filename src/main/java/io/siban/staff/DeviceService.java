package io.siban.staff;

import io.siban.security.TokenIssuer;
import io.siban.security.SecurityConfig;
import io.siban.security.ActivePrincipals;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.siban.common.Clocks;
import io.siban.common.problem.ProblemException;
import io.siban.hall.Hall;
import io.siban.staff.dto.DeviceRequest;
import io.siban.staff.dto.DeviceView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DeviceService {
    @Inject
    TokenIssuer tokens;
    @Inject
    Clocks clocks;
    @Inject
    ActivePrincipals principals;
    @Inject
    SecurityConfig config;

    @WithTransaction
    public Uni<DeviceView> create(DeviceRequest request) {
        return Hall.<Hall>findById(request.hall())
                .onItem().ifNull().failWith(() -> ProblemException.businessRule("unknown-hall", "hall '" + request.hall() + "' does not exist"))
                .chain(hall -> {
                    Device device = new Device();
                    device.id = UUID.randomUUID();
                    device.name = request.name().trim();
                    device.role = request.role();
                    device.hallCode = request.hall();
                    device.createdAt = clocks.now();
                    device.mayGrantPriority = Boolean.TRUE.equals(request.mayGrantPriority());
                    device.ticketsPerMinute = request.ticketsPerMinute() != null ? request.ticketsPerMinute()
                            : config.deviceTicketsPerMinute();
                    return device.<Device>persist();
                })
                .map(device -> view(device, token(device)));
    }

    /** A new token for a device that is not revoked (the same claims as its first one). */
    @WithSession
    public Uni<String> freshToken(UUID id) {
        return Device.<Device>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("device", id.toString()))
                .map(device -> {
                    if (device.revokedAt != null) {
                        throw ProblemException.conflict("device " + id + " is revoked");
                    }
                    return token(device);
                });
    }

    @WithTransaction
    public Uni<Void> revoke(UUID id) {
        return Device.<Device>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("device", id.toString()))
                .invoke(device -> {
                    if (device.revokedAt == null) {
                        device.revokedAt = clocks.now();
                    }
                })
                .replaceWithVoid();
    }

    public Uni<Void> revokeEverywhere(UUID id) {
        return revoke(id).call(() -> principals.revoked("device:" + id));
    }

    @WithSession
    public Uni<List<DeviceView>> list(String hall) {
        var query = hall == null ? Device.<Device>findAll(Sort.by("createdAt")) : Device.<Device>find("hallCode", Sort.by("createdAt"), hall);
        return query.list().map(devices -> devices.stream().map(d -> view(d, null)).toList());
    }

    /** The same claims as every token of this device, from its row. */
    private String token(Device device) {
        return tokens.forDevice(device.id, device.role, device.hallCode, device.mayGrantPriority, device.ticketsPerMinute);
    }

    private static DeviceView view(Device d, String token) {
        return new DeviceView(d.id, d.name, d.role, d.hallCode, token, d.createdAt, d.revokedAt, d.mayGrantPriority, d.ticketsPerMinute);
    }
}
