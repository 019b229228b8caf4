package io.siban.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siban.common.Clocks;
import io.siban.common.PersonalData;
import io.siban.common.problem.ProblemException;
import io.siban.security.Caller;
import io.siban.queue.dto.IssueRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;
import java.util.Set;

/**
 * Opens a ticket's protected applicant data for staff of its hall, and records each opening (who,
 * when) in the same transaction: no trace, no data.
 */
@ApplicationScoped
public class ApplicantDisclosure {
    @Inject
    Pool pool;
    @Inject
    Clocks clocks;
    @Inject
    PersonalData personalData;
    @Inject
    ObjectMapper json;

    /**
     * The applicant of a ticket, for supervisors of its hall, and for the clerk serving it: called or in
     * service at one of that clerk's windows.
     */
    public Uni<IssueRequest.Applicant> ofTicket(UUID id, Caller caller) {
        return pool.withTransaction(conn -> conn.preparedQuery(TICKET).execute(Tuple.of(id))
                .chain(rows -> TicketGuard.failOr(refusal(rows, id, caller), rows.size() == 0 ? null : rows.iterator().next()))
                .chain(ticket -> conn.preparedQuery(RECORD_ACCESS)
                        .execute(Tuple.of(id, ticket.getString("hall_code"), caller.actor(), clocks.now()))
                        .map(ignored -> open(ticket.getString("applicant_sealed")))));
    }

    private static final String TICKET = "select hall_code, number, applicant_sealed, status, window_number from ticket where id = $1";

    /** Who opened whose data, when: written in the transaction that reads the data, before it is sent. */
    private static final String RECORD_ACCESS = """
            insert into personal_data_access (subject_type, subject_id, hall_code, actor, at)
            values ('ticket', $1, $2, $3, $4)""";

    /** Why the caller may not open the ticket's applicant data (or there is none); null when it may. */
    private static ProblemException refusal(RowSet<Row> rows, UUID id, Caller caller) {
        if (rows.size() == 0) {
            return ProblemException.notFound("ticket", id.toString());
        }
        Row ticket = rows.iterator().next();
        String hall = ticket.getString("hall_code");
        ProblemException refused = TicketGuard.refusal(hall, caller);
        if (refused != null) {
            return refused;
        }
        if (ticket.getString("applicant_sealed") == null) {
            return ProblemException.notFound("no-applicant", "No applicant data",
                    "ticket " + ticket.getString("number") + " was issued without applicant data");
        }
        if (!caller.supervises(hall) && !servedBy(ticket, caller)) {
            return ProblemException.forbidden("only the clerk serving ticket " + ticket.getString("number")
                    + " and the hall's supervisors may open its applicant's data");
        }
        return null;
    }

    private static boolean servedBy(Row ticket, Caller caller) {
        Integer window = ticket.getInteger("window_number");
        boolean atWindow = Set.of(TicketStatus.CALLED.name(), TicketStatus.SERVING.name()).contains(ticket.getString("status"));
        return atWindow && window != null && caller.allowsWindow(ticket.getString("hall_code"), window);
    }

    private IssueRequest.Applicant open(String sealed) {
        try {
            return json.readValue(personalData.open(sealed), IssueRequest.Applicant.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sealed applicant data is not an applicant", e);
        }
    }
}
