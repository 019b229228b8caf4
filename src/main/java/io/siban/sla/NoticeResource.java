package io.siban.sla;

import io.siban.common.problem.ProblemException;
import io.siban.security.Roles;
import io.siban.sla.calendar.CalendarDocument;
import io.siban.sla.calendar.CalendarStore;
import io.siban.sla.calendar.notice.Notice;
import io.siban.sla.calendar.notice.NoticeParser;
import io.siban.sla.calendar.notice.UnreadableNotice;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The State Council's yearly notice, pasted as published: a preview of what it sets, or with
 * {@code ?apply=true} the year made OFFICIAL through the calendar's ordinary update (so open cases are
 * re-timed). Admin only; a calendar's other years are untouched. Rooted at its full path (see the
 * decision on resource root paths in docs/architecture.md).
 */
@Path("/api/v1/calendars/{id}/years/{year}/notice")
@Tag(name = "Calendars")
public class NoticeResource {

    @Inject
    CalendarStore store;

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read a year's holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知); apply=true makes the year OFFICIAL",
            description = "The body is the notice's text. Without apply nothing is stored. See docs/sla-rules.md, the notice grammar.")
    @APIResponse(responseCode = "200", description = "the year as read (and, with apply=true, stored)")
    @APIResponse(responseCode = "422", description = "a paragraph, date or title that cannot be read; nothing changed")
    public Uni<NoticeImport.View> importNotice(@PathParam("id") String id, @PathParam("year") String year,
                                               @QueryParam("apply") String apply, String body) {
        int forYear = year(year);
        boolean applying = apply(apply);
        if (body != null && body.length() > NoticeParser.MAX_CHARS) {
            throw NoticeImport.tooLarge(body.length(), NoticeParser.MAX_CHARS);
        }
        Notice notice;
        try {
            notice = NoticeParser.parse(body, forYear);
        } catch (UnreadableNotice unreadable) {
            throw NoticeImport.unreadable(unreadable);
        }
        NoticeImport.givesTheLawsDays(notice);
        return store.require(id).chain(stored -> {
            if (stored.document().parent() != null) {
                // the notice's days would be judged by the child's own weekly hours and replace its local days of the year
                throw ProblemException.conflict("calendar '" + id + "' extends '" + stored.document().parent()
                        + "' and inherits its years: load the notice on the calendar at the top of its chain");
            }
            NoticeImport.Outcome outcome = NoticeImport.of(stored.document(), notice);
            if (!applying) {
                return Uni.createFrom().item(outcome.view());
            }
            return store.replace(id, stored.version(), outcome.updated())
                    .map(saved -> outcome.view().storedAs(saved.version()));
        });
    }

    private static int year(String year) {
        try {
            int value = Integer.parseInt(year);
            if (value >= CalendarDocument.FIRST_YEAR && value <= CalendarDocument.LAST_YEAR) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid("year", "must be a year from " + CalendarDocument.FIRST_YEAR + " to " + CalendarDocument.LAST_YEAR);
    }

    private static boolean apply(String apply) {
        if (apply == null || apply.equals("false")) {
            return false;
        }
        if (apply.equals("true")) {
            return true;
        }
        throw ProblemException.invalid("apply", "must be true or false");
    }
}
