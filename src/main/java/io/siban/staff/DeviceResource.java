package io.siban.staff;

import io.siban.common.web.ClientAddress;
import io.siban.security.Roles;
import io.siban.staff.dto.DeviceRequest;
import io.siban.staff.dto.DeviceView;
import io.siban.staff.dto.PairedDevice;
import io.siban.staff.dto.PairingCode;
import io.siban.staff.dto.PairingRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Kiosks and hall displays: registering, listing, revoking and pairing them. */
@Path("/api/v1/devices")
@Tag(name = "Auth", description = "Tokens, staff accounts and devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeviceResource {
    @Inject
    DeviceService devices;
    @Inject
    DevicePairing pairing;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register a kiosk, display or mobile-backend device and get its token (shown once)")
    @APIResponse(responseCode = "201", description = "created, with the token")
    public Uni<Response> createDevice(@Valid @NotNull DeviceRequest request) {
        return devices.create(request)
                .map(device -> Response.created(URI.create("/api/v1/devices/" + device.id())).entity(device).build());
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "List devices, optionally of one hall")
    public Uni<List<DeviceView>> listDevices(@QueryParam("hall") String hall) {
        return devices.list(hall);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Revoke a device; its token is refused at once")
    @APIResponse(responseCode = "204", description = "revoked")
    public Uni<Response> revokeDevice(@PathParam("id") UUID id) {
        return devices.revokeEverywhere(id).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/pairing")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "A one-time pairing code for a device",
            description = "Admin. Type the code into the kiosk or display page; the device trades it once for its token "
                    + "(POST /api/v1/devices/pair). The code expires after siban.device-pairing.code-lifetime (10 minutes); "
                    + "asking again replaces an unused code. Only a hash of the code is stored.")
    @APIResponse(responseCode = "201", description = "the code, shown once", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PairingCode.class), examples = @ExampleObject(name = "code", value = "{\"code\":\"K7QM-4XPR\",\"expiresAt\":\"2026-12-01T10:10:00+08:00\"}")))
    @APIResponse(responseCode = "404", description = "no such device")
    @APIResponse(responseCode = "409", description = "the device is revoked")
    public Uni<Response> pairingCode(@PathParam("id") UUID id) {
        return pairing.issue(id).map(code -> Response.status(Response.Status.CREATED).entity(code).build());
    }

    @POST
    @Path("/pair")
    @PermitAll
    @Operation(summary = "Pair a device: trade a one-time pairing code for the device's token",
            description = "Public: the device has no token yet. Each code works once and only until it expires; wrong codes "
                    + "are counted per client address (siban.device-pairing.failures-per-minute, 10), then 429. "
                    + "Revoking the device refuses the token at once.")
    @APIResponse(responseCode = "200", description = "the device token", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "paired", value = "{\"token\":\"eyJhbGciOiJSUzI1NiJ9...\",\"expiresIn\":31536000,"
                    + "\"tokenType\":\"Bearer\",\"deviceId\":\"4f1c2b9e-8a0d-4c4e-9d7e-2f4b1a6c3e10\",\"role\":\"kiosk\",\"hall\":\"lz-city\"}")))
    @APIResponse(responseCode = "400", description = "no code given")
    @APIResponse(responseCode = "401", description = "the code is unknown, already used or expired, or the device is revoked")
    @APIResponse(responseCode = "429", description = "too many wrong codes from this address; see Retry-After")
    public Uni<PairedDevice> pair(@Valid @NotNull PairingRequest request, @Context HttpServerRequest http) {
        return pairing.pair(request.code(), ClientAddress.of(http));
    }
}
