package io.siban.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.siban.common.Clocks;
import io.siban.common.PersonalData;
import io.siban.common.ProblemException;
import io.siban.queue.dto.IssueRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;
import java.util.function.Function;

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

    public Uni<IssueRequest.Applicant> ofTicket(UUID id, Function<String, Boolean> hallAllowed, String actor) {
        return pool.withTransaction(conn -> conn.preparedQuery("select hall_code, number, applicant_sealed from ticket where id = $1")
                .execute(Tuple.of(id))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("ticket", id.toString());
                    }
                    Row ticket = rows.iterator().next();
                    String hall = ticket.getString("hall_code");
                    TicketService.checkHall(hall, hallAllowed);
                    String sealed = ticket.getString("applicant_sealed");
                    if (sealed == null) {
                        throw ProblemException.notFound("no-applicant", "No applicant data",
                                "ticket " + ticket.getString("number") + " was issued without applicant data");
                    }
                    return conn.preparedQuery("""
                                    insert into personal_data_access (subject_type, subject_id, hall_code, actor, at)
                                    values ('ticket', $1, $2, $3, $4)""")
                            .execute(Tuple.of(id, hall, actor, clocks.now()))
                            .map(ignored -> open(sealed));
                }));
    }

    private IssueRequest.Applicant open(String sealed) {
        try {
            return json.readValue(personalData.open(sealed), IssueRequest.Applicant.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sealed applicant data is not an applicant", e);
        }
    }
}
