package io.siban.sla;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.siban.common.Clocks;
import io.siban.sla.calendar.CalendarDocument;
import io.siban.sla.calendar.CalendarYears;
import io.siban.sla.calendar.CalendarSettings;
import io.siban.sla.calendar.CalendarStore;
import io.siban.sla.calendar.WorkingCalendars;
import io.siban.sla.deadline.DeadlineCalculator;
import io.siban.sla.deadline.DeadlinePreview;
import io.siban.sla.deadline.DeadlineQuery;
import io.siban.sla.deadline.DeadlineResult;
import io.siban.sla.deadline.DeadlineRule;

import io.siban.common.problem.ProblemException;
import io.siban.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

@Path("/api/v1/calendars")
@Tag(name = "Calendars", description = "Working calendars: office hours, holidays, make-up working days (调休)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CalendarResource {
    private static final Pattern ID = CalendarDocument.ID;

    static final int MAX_RANGE_DAYS = 3660;

    @Inject
    CalendarStore store;
    @Inject
    WorkingCalendars calendars;
    @Inject
    CalendarSettings settings;
    @Inject
    Clocks clocks;

    @Schema(name = "CalendarView")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CalendarView(@Schema(example = "cn") String id, @Schema(example = "3") long version,
                               CalendarDocument calendar, OffsetDateTime updatedAt,
                               @Schema(description = "each year from the first official one to next year: OFFICIAL (the notice), "
                                       + "PROVISIONAL (the law's statutory days), NONE (weekly hours only)",
                                       example = "{\"2025\": \"OFFICIAL\", \"2026\": \"OFFICIAL\", \"2027\": \"PROVISIONAL\"}")
                               Map<String, CalendarYears.Status> years,
                               @Schema(description = "last date of the last official year", example = "2026-12-31") LocalDate confirmedThrough,
                               @Schema(description = "from 1 November: next year is not official") List<CalendarYears.Warning> warnings,
                               @Schema(description = "dates listed that change nothing, and why (computed, not stored)")
                               List<CalendarDocument.Note> notes) {
        /** The stored calendar (as the admin sent it) with the years of its effective calendar, as known at {@code now}. */
        static CalendarView of(CalendarStore.EffectiveCalendar read, Instant now) {
            CalendarStore.StoredCalendar stored = read.stored();
            CalendarDocument document = read.effective();
            LocalDate today = CalendarYears.today(document, now);
            return new CalendarView(stored.id(), stored.version(), stored.document(), stored.updatedAt(),
                    CalendarYears.years(document, today), CalendarYears.confirmedThrough(document), CalendarYears.warnings(document, today),
                    read.notes());
        }
    }

    private CalendarView view(CalendarStore.EffectiveCalendar read) {
        return CalendarView.of(read, clocks.now().toInstant());
    }

    /** A calendar just written, with its effective years read after the commit. */
    private Uni<CalendarView> view(CalendarStore.StoredCalendar stored) {
        return store.effective(stored.id()).map(read -> view(new CalendarStore.EffectiveCalendar(stored, read.effective(), read.notes())));
    }

    @Schema(name = "CalendarYear", description = "One year's holidays, make-up working days and own hours for dates; replaces that year's")
    public record CalendarYear(@Schema(example = "[\"2027-01-01\"]") Set<LocalDate> holidays,
                               @Schema(example = "[\"2027-02-06\"]") Set<LocalDate> workdays,
                               java.util.Map<LocalDate, List<List<String>>> dateHours,
                               @Schema(description = "true: the year becomes OFFICIAL; false: not official; absent: as it was")
                               Boolean official) {
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create or replace a calendar", description = "A change re-times the open cases on the calendar.")
    @APIResponse(responseCode = "201", description = "created")
    @APIResponse(responseCode = "200", description = "replaced")
    public Uni<Response> put(@PathParam("id") String id, CalendarDocument document) {
        checkId(id);
        if (document == null) {
            throw ProblemException.invalid("body", "a calendar is required");
        }
        var violations = document.violations();
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return store.find(id)
                .map(old -> old == null || document.officialYears() != null || document.parent() != null ? document
                        // a replaced calendar that names no official years keeps those it had: a regional day
                        // added to a provisional year must not make that year official (a calendar with a
                        // parent that names none takes its parent's)
                        : document.withOfficialYears(old.document().officialYearsOrImplied()))
                .chain(replacing -> store.put(id, replacing))
                .chain(stored -> view(stored).map(view -> Response.status(stored.created() ? 201 : 200).entity(view).build()));
    }

    @PUT
    @Path("/{id}/years/{year}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Load or replace one year's holiday arrangement (published each November)")
    public Uni<CalendarView> putYear(@PathParam("id") String id, @PathParam("year") int year, CalendarYear body) {
        if (body == null) {
            throw ProblemException.invalid("body", "holidays and workdays are required");
        }
        if (year < 2000 || year > 2100) {
            throw ProblemException.invalid("year", "must be between 2000 and 2100");
        }
        List<io.siban.common.problem.Problem.Violation> nulls = new java.util.ArrayList<>();
        CalendarDocument.nullDates(nulls, "holidays", body.holidays());
        CalendarDocument.nullDates(nulls, "workdays", body.workdays());
        if (body.dateHours() != null && body.dateHours().keySet().stream().anyMatch(java.util.Objects::isNull)) {
            nulls.add(new io.siban.common.problem.Problem.Violation("dateHours", "must not have a null date"));
        }
        if (!nulls.isEmpty()) {
            throw ProblemException.invalid(nulls);
        }
        Set<LocalDate> holidays = body.holidays() == null ? Set.of() : body.holidays();
        Set<LocalDate> workdays = body.workdays() == null ? Set.of() : body.workdays();
        var dateHours = body.dateHours() == null ? java.util.Map.<LocalDate, List<List<String>>>of() : body.dateHours();
        List<LocalDate> outside = java.util.stream.Stream.of(holidays.stream(), workdays.stream(), dateHours.keySet().stream())
                .flatMap(s -> s)
                .filter(d -> d.getYear() != year).sorted().toList();
        if (!outside.isEmpty()) {
            throw ProblemException.invalid("holidays", "dates " + outside + " are not in " + year);
        }
        return store.putYear(id, year, holidays, workdays, dateHours, body.official()).chain(this::view);
    }

    @GET
    @Path("/{id}/working-days")
    @PermitAll
    @Operation(summary = "The working dates in a range, both ends included (public)")
    public Uni<List<LocalDate>> workingDays(@PathParam("id") String id,
                                            @QueryParam("from") @Schema(implementation = LocalDate.class, example = "2026-09-28") String from,
                                            @QueryParam("to") @Schema(implementation = LocalDate.class, example = "2026-10-12") String to) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (last.isBefore(first)) {
            throw ProblemException.invalid("to", "must not be before from");
        }
        if (first.plusDays(MAX_RANGE_DAYS).isBefore(last)) {
            throw ProblemException.invalid("to", "the range may span at most " + MAX_RANGE_DAYS + " days");
        }
        return calendars.get(id).map(calendar -> calendar.workingDates(first, last));
    }

    @POST
    @Path("/{id}/deadline")
    @PermitAll
    @Operation(summary = "Compute a deadline with this calendar (public)",
            description = "WORKING_TIME adds a working-time duration; WORKING_DAYS_SAME_TIME gives the same local time on the "
                    + "n-th working day after the start's date; END_OF_NTH_WORKING_DAY gives the close of office hours on that day. "
                    + "Pauses move the due later by the working time inside them. See docs/sla-rules.md.")
    public Uni<DeadlinePreview.Response> deadline(@PathParam("id") String id, DeadlinePreview.Request request) {
        DeadlineQuery query = DeadlineQuery.of(request).withinYears(settings.previewFromYear(), settings.previewUntilYear());
        return calendars.get(id).map(calendar -> {
            DeadlineResult result = DeadlineCalculator.compute(calendar, query.start(), query.rule(), query.limit(), query.pauses());
            OffsetDateTime due = result.due().atZone(calendar.zone()).toOffsetDateTime();
            if (due.getYear() > settings.previewUntilYear()) {
                throw ProblemException.invalid(query.rule() == DeadlineRule.WORKING_TIME ? "duration" : "workingDays",
                        "the due would fall in " + due.getYear() + "; previews cover the years "
                                + settings.previewFromYear() + " to " + settings.previewUntilYear());
            }
            List<Integer> provisional = calendar.provisionalYears(query.start(), result.due());
            return new DeadlinePreview.Response(due, result.workingSecondsBudget(), result.pausedWorkingSeconds(),
                    !provisional.isEmpty(), provisional);
        });
    }

    @GET
    @PermitAll
    @Operation(summary = "List calendars (public)")
    public Uni<List<CalendarView>> list() {
        return store.listEffective().map(all -> all.stream().map(this::view).toList());
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "A calendar (public)")
    public Uni<CalendarView> get(@PathParam("id") String id) {
        return store.effective(id).map(this::view);
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalid(name, "is required (yyyy-MM-dd)");
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.invalid(name, "'" + value + "' is not a date (yyyy-MM-dd)");
        }
    }

    private static void checkId(String id) {
        if (!ID.matcher(id).matches()) {
            throw ProblemException.invalid("id", "must be 1-40 lower-case letters, digits or '-'");
        }
    }
}
