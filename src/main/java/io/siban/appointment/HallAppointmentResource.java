package io.siban.appointment;

import io.siban.appointment.dto.AppointmentView;
import io.siban.appointment.dto.BookingRequest;
import io.siban.queue.IssueLimit;
import io.siban.security.HallAccess;
import io.siban.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

@Path("/api/v1/halls/{hall}/appointments")
@Tag(name = "Appointments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HallAppointmentResource {
    @Inject
    Bookings bookings;
    @Inject
    HallAccess access;
    @Inject
    IssueLimit limit;

    @POST
    @RolesAllowed({Roles.MOBILE, Roles.CLERK, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Book a slot (the hall's mobile backend, or its staff)",
            description = "Idempotency-Key is required: a retry with it gets the same booking (200); the key with another body is a 422. "
                    + "The answer's code is the citizen's: it checks in at the kiosk (typed, or scanned from a QR code) and cancels.")
    @APIResponse(responseCode = "201", description = "booked", content = @Content(examples = @ExampleObject(name = "booked", value = """
            {"id": "5b0c6f7e-8a61-4d6c-9f0e-2f1a3b4c5d6e", "code": "K7P3X9QM", "hall": "lz-city", "itemCode": "SC-001",
             "slotStart": "2026-12-02T09:00:00+08:00", "slotEnd": "2026-12-02T09:30:00+08:00", "status": "BOOKED",
             "applicant": {"name": "张*", "idNumber": "620102********1234", "phone": "138****5678"}}""")))
    @APIResponse(responseCode = "200", description = "the booking made earlier under this Idempotency-Key")
    @APIResponse(responseCode = "400", description = "a field is missing or malformed, or slotStart is not a slot's start (named in violations)")
    @APIResponse(responseCode = "403", description = "a token of another hall")
    @APIResponse(responseCode = "429", description = "the device's requests-a-minute limit is reached (Retry-After)")
    @APIResponse(responseCode = "422", description = "slot-full, already-booked, no-slots, unknown-item, unknown-queue, idempotency-key-reused")
    public Uni<Response> book(@PathParam("hall") String hall,
                              @Parameter(description = "client-chosen key; retries with it never book twice", required = true,
                                      example = "c1b7e0d2-booking-42") @HeaderParam("Idempotency-Key") String idempotencyKey,
                              @RequestBody(content = @Content(examples = @ExampleObject(name = "booking", value = """
                                      {"itemCode": "SC-001", "slotStart": "2026-12-02T09:00:00+08:00",
                                       "applicant": {"name": "张三", "idNumber": "620102199001011233", "phone": "13812345678"}}""")))
                              BookingRequest request) {
        access.require(hall);
        // a device's requests a minute count bookings with its tickets: a leaked backend token cannot fill a day's slots at once
        return limit.take(access.deviceLimit()).chain(() -> bookings.book(access.caller(), hall, request, idempotencyKey)).map(booked -> booked.created()
                ? Response.created(URI.create("/api/v1/appointments/" + booked.appointment().id())).entity(booked.appointment()).build()
                : Response.ok(booked.appointment()).build());
    }

    @GET
    @RolesAllowed({Roles.CLERK, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "The hall's bookings of a date, with status and each applicant's missed appointments (staff of the hall)")
    @APIResponse(responseCode = "200", description = "the day's bookings, by slot", content = @Content(examples = @ExampleObject(name = "day",
            value = """
                    [{"id": "5b0c6f7e-8a61-4d6c-9f0e-2f1a3b4c5d6e", "hall": "lz-city", "itemCode": "SC-001",
                      "slotStart": "2026-12-02T09:00:00+08:00", "slotEnd": "2026-12-02T09:30:00+08:00", "status": "MISSED",
                      "applicant": {"name": "张*", "idNumber": "620102********1234"}, "missedRecently": 1}]""")))
    @APIResponse(responseCode = "400", description = "date missing or malformed")
    @APIResponse(responseCode = "403", description = "staff of another hall")
    public Uni<List<AppointmentView>> day(@PathParam("hall") String hall,
                                          @Parameter(description = "hall-local date", example = "2026-12-02") @QueryParam("date") String date) {
        access.require(hall);
        return bookings.day(access.caller(), hall, date);
    }
}
