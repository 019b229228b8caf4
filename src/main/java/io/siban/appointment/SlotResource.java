package io.siban.appointment;

import io.siban.appointment.dto.SlotView;
import io.siban.common.web.ClientAddress;
import io.siban.security.Caller;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
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

import java.util.List;

@Path("/api/v1/halls/{hall}/slots")
@Tag(name = "Appointments")
@Produces(MediaType.APPLICATION_JSON)
public class SlotResource {
    @Inject
    SlotTemplates templates;
    @Inject
    AppointmentThrottle throttle;
    @Inject
    CurrentIdentityAssociation identities;

    @GET
    @PermitAll
    @Operation(summary = "An item's bookable slots on a date, with places taken (public, rate-limited)",
            description = "A date before today, past the booking horizon (siban.appointment.horizon-days, 14), a non-working day or an "
                    + "item without a template gives an empty list; slots already begun are left out.")
    @APIResponse(responseCode = "200", description = "the slots", content = @Content(examples = @ExampleObject(name = "slots", value = """
            [{"start": "2026-12-02T09:00:00+08:00", "end": "2026-12-02T09:30:00+08:00", "capacity": 4, "booked": 1}]""")))
    @APIResponse(responseCode = "400", description = "date or itemCode missing or malformed")
    @APIResponse(responseCode = "404", description = "no such hall")
    @APIResponse(responseCode = "422", description = "unknown-item")
    @APIResponse(responseCode = "429", description = "too many reads from this address, or with this hall's token (Retry-After)")
    public Uni<List<SlotView>> slots(@PathParam("hall") String hall,
                                     @Parameter(description = "hall-local date", example = "2026-12-02") @QueryParam("date") String date,
                                     @Parameter(example = "SC-001") @QueryParam("itemCode") String itemCode,
                                     @Context HttpServerRequest request) {
        String address = ClientAddress.of(request);
        // a mobile backend asks for all its users from one address: the hall's own tokens are counted per token
        return identities.getDeferredIdentity().map(Caller::of)
                .chain(caller -> caller.allows(hall) && !"anonymous".equals(caller.actor()) ? throttle.slotReadOfHall(caller.actor())
                        : throttle.slotRead(address))
                .chain(() -> templates.slots(hall, date, itemCode));
    }
}
