package io.siban.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siban.common.Clocks;
import io.siban.common.PersonalData;
import io.siban.common.problem.ProblemException;
import io.siban.security.Scope;
import io.siban.queue.dto.IssueRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
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
    public Uni<IssueRequest.Applicant> ofTicket(UUID id, Scope scope, String actor) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        select hall_code, number, applicant_sealed, status, window_number from ticket where id = $1""")
                .execute(Tuple.of(id))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("ticket", id.toString());
                    }
                    Row ticket = rows.iterator().next();
                    String hall = ticket.getString("hall_code");
                    TicketService.checkHall(hall, scope);
                    String sealed = ticket.getString("applicant_sealed");
                    if (sealed == null) {
                        throw ProblemException.notFound("no-applicant", "No applicant data",
                                "ticket " + ticket.getString("number") + " was issued without applicant data");
                    }
                    if (!scope.supervises(hall) && !servedBy(ticket, scope)) {
                        throw ProblemException.forbidden("only the clerk serving ticket " + ticket.getString("number")
                                + " and the hall's supervisors may open its applicant's data");
                    }
                    return conn.preparedQuery("""
                                    insert into personal_data_access (subject_type, subject_id, hall_code, actor, at)
                                    values ('ticket', $1, $2, $3, $4)""")
                            .execute(Tuple.of(id, hall, actor, clocks.now()))
                            .map(ignored -> open(sealed));
                }));
    }

    private static boolean servedBy(Row ticket, Scope scope) {
        Integer window = ticket.getInteger("window_number");
        boolean atWindow = Set.of(TicketStatus.CALLED.name(), TicketStatus.SERVING.name()).contains(ticket.getString("status"));
        return atWindow && window != null && scope.allowsWindow(ticket.getString("hall_code"), window);
    }

    private IssueRequest.Applicant open(String sealed) {
        try {
            return json.readValue(personalData.open(sealed), IssueRequest.Applicant.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sealed applicant data is not an applicant", e);
        }
    }
}
