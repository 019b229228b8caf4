package io.siban.appointment;

import io.siban.appointment.dto.SlotTemplateRequest;
import io.siban.appointment.dto.SlotTemplateView;
import io.siban.security.HallAccess;
import io.siban.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/halls/{hall}/slot-templates")
@Tag(name = "Appointments", description = "预约: slot templates, slots, bookings, check-in at the kiosk")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SlotTemplateResource {
    @Inject
    SlotTemplates templates;
    @Inject
    HallAccess access;

    @PUT
    @Path("/{itemCode}")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Set how an item's appointment slots are cut in a hall (admin, supervisor of the hall)",
            description = "Slots follow the template's weeklyHours, or the hall's service hours without them, on the working days of "
                    + "the hall's calendar only. Changing it leaves bookings made on it booked.")
    @APIResponse(responseCode = "200", description = "the template as stored", content = @Content(examples = @ExampleObject(name = "stored",
            value = """
                    {"hall": "lz-city", "itemCode": "SC-001", "slotMinutes": 30, "capacity": 4,
                     "weeklyHours": {"MONDAY": [["09:00","12:00"]]}, "updatedAt": "2026-12-01T10:00:00+08:00"}""")))
    @APIResponse(responseCode = "400", description = "slotMinutes, capacity or weeklyHours invalid (named in violations)")
    @APIResponse(responseCode = "403", description = "not an admin or a supervisor of the hall")
    @APIResponse(responseCode = "404", description = "no such hall")
    @APIResponse(responseCode = "409", description = "slotMinutes changed while bookings on the old slots are still to come")
    @APIResponse(responseCode = "422", description = "unknown-item, unknown-queue")
    public Uni<SlotTemplateView> put(@PathParam("hall") String hall, @PathParam("itemCode") String itemCode,
                                     @RequestBody(content = @Content(examples = @ExampleObject(name = "mornings", value = """
                                             {"slotMinutes": 30, "capacity": 4,
                                              "weeklyHours": {"MONDAY": [["09:00","12:00"]], "WEDNESDAY": [["09:00","12:00"]]}}""")))
                                     SlotTemplateRequest request) {
        return templates.put(access.caller(), hall, itemCode, request);
    }

    @GET
    @Path("/{itemCode}")
    @RolesAllowed({Roles.CLERK, Roles.REVIEWER, Roles.SUPERVISOR, Roles.ADMIN, Roles.MOBILE})
    @Operation(summary = "An item's slot template in a hall (staff or the mobile backend of the hall)")
    @APIResponse(responseCode = "200", description = "the template", content = @Content(examples = @ExampleObject(name = "template", value = """
            {"hall": "lz-city", "itemCode": "SC-001", "slotMinutes": 30, "capacity": 4,
             "weeklyHours": {"MONDAY": [["09:00","12:00"]]}, "updatedAt": "2026-12-01T10:00:00+08:00"}""")))
    @APIResponse(responseCode = "404", description = "no such hall, or the item has no template there")
    public Uni<SlotTemplateView> get(@PathParam("hall") String hall, @PathParam("itemCode") String itemCode) {
        access.require(hall);
        return templates.get(hall, itemCode);
    }

    @DELETE
    @Path("/{itemCode}")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Stop offering an item's slots in a hall (bookings already made stay booked)")
    @APIResponse(responseCode = "204", description = "removed")
    @APIResponse(responseCode = "404", description = "the item has no template there")
    public Uni<Void> delete(@PathParam("hall") String hall, @PathParam("itemCode") String itemCode) {
        return templates.delete(access.caller(), hall, itemCode);
    }
}
