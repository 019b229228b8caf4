package io.siban.appointment;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.siban.appointment.dto.AppointmentView;
import io.siban.common.problem.ProblemException;
import io.siban.common.web.ClientAddress;
import io.siban.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;
import java.util.function.Function;

@Path("/api/v1/appointments")
@Tag(name = "Appointments")
@Produces(MediaType.APPLICATION_JSON)
public class AppointmentResource {
    @Inject
    Bookings bookings;
    @Inject
    AppointmentThrottle throttle;
    @Inject
    CurrentIdentityAssociation identities;

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "A booking (with its code, for its holder; or a staff token of its hall)",
            description = "An unknown booking and a wrong code get the same 404; wrong codes are rate limited per client address (429).")
    @APIResponse(responseCode = "200", description = "the booking", content = @Content(examples = @ExampleObject(name = "booking", value = """
            {"id": "5b0c6f7e-8a61-4d6c-9f0e-2f1a3b4c5d6e", "code": "K7P3X9QM", "hall": "lz-city", "itemCode": "SC-001",
             "slotStart": "2026-12-02T09:00:00+08:00", "slotEnd": "2026-12-02T09:30:00+08:00", "status": "BOOKED"}""")))
    @APIResponse(responseCode = "401", description = "neither a code nor a token")
    @APIResponse(responseCode = "404", description = "no such booking, or a wrong code")
    @APIResponse(responseCode = "429", description = "too many wrong codes from this address (Retry-After)")
    public Uni<AppointmentView> get(@PathParam("id") UUID id,
                                    @Parameter(description = "the booking code", example = "K7P3X9QM") @QueryParam("code") String code,
                                    @Context HttpServerRequest request) {
        return withCode(id, code, request, caller -> bookings.get(caller, id, code));
    }

    @DELETE
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "Cancel a booking (with its code; or a staff token of its hall); its place is given back",
            description = "Cancelling again changes nothing (204). An unknown booking and a wrong code get the same 404, rate limited.")
    @APIResponse(responseCode = "204", description = "cancelled")
    @APIResponse(responseCode = "401", description = "neither a code nor a token")
    @APIResponse(responseCode = "404", description = "no such booking, or a wrong code")
    @APIResponse(responseCode = "409", description = "already checked in or missed")
    @APIResponse(responseCode = "429", description = "too many wrong codes from this address (Retry-After)")
    public Uni<Void> cancel(@PathParam("id") UUID id,
                            @Parameter(description = "the booking code", example = "K7P3X9QM") @QueryParam("code") String code,
                            @Context HttpServerRequest request) {
        return withCode(id, code, request, caller -> bookings.cancel(caller, id, code));
    }

    /** Runs the action as the caller; a code is counted against the client's address first, and a right one given back. */
    private <T> Uni<T> withCode(UUID id, String code, HttpServerRequest request, Function<Caller, Uni<T>> action) {
        if (code != null && code.length() > 64) {
            throw ProblemException.invalid("code", "at most 64 characters");
        }
        String client = ClientAddress.of(request);
        Uni<Void> counted = code == null ? Uni.createFrom().voidItem() : throttle.codeLookup(client, id);
        return counted.chain(() -> identities.getDeferredIdentity())
                .chain(identity -> action.apply(Caller.of(identity)))
                .call(() -> code == null ? Uni.createFrom().voidItem() : throttle.codeMatched(client, id));
    }
}
