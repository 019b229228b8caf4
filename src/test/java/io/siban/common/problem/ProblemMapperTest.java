package io.siban.common.problem;

import com.fasterxml.jackson.core.exc.InputCoercionException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import io.vertx.redis.client.impl.types.ErrorType;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The store-down classes are recognised by exception class and SQLSTATE, wherever they sit in the cause chain. */
class ProblemMapperTest {
    private final ProblemMapper mapper = new ProblemMapper();

    static PgException pg(String state, String message) {
        return new PgException(message, "FATAL", state, null);
    }

    @Test
    void postgresGoingAwayIs503WithRetryAfter() {
        List<Throwable> down = List.of(
                pg("57P01", "terminating connection due to administrator command"),
                pg("57P02", "terminating connection due to crash of another server process"),
                pg("57P03", "the database system is starting up"),
                pg("08006", "connection failure"),
                pg("08003", "connection does not exist"),
                ClosedConnectionException.INSTANCE,
                new CompletionException(new org.hibernate.HibernateException(ClosedConnectionException.INSTANCE)),
                new CompositeException(pg("57P01", "terminating"), new IllegalStateException("second")),
                ErrorType.create("CONNECTION_CLOSED"),
                new ConnectException("whatever the text says"));
        for (Throwable error : down) {
            Response response = mapper.map(error);
            assertThat(response.getStatus()).as(error.toString()).isEqualTo(503);
            assertThat(response.getHeaderString("Retry-After")).as(error.toString()).isNotBlank();
            assertThat(((Problem) response.getEntity()).type()).endsWith("/unavailable");
        }
    }

    @Test
    void otherErrorsAreNotTakenForAnOutageByTheirText() {
        assertThat(mapper.map(new IllegalStateException("Connection refused")).getStatus()).isEqualTo(500);
        assertThat(mapper.map(pg("23505", "Connection is closed")).getStatus()).isEqualTo(409);
        assertThat(mapper.map(pg("22021", "invalid byte sequence for encoding \"UTF8\": 0x00")).getStatus()).isEqualTo(400);
        assertThat(mapper.map(pg("42P01", "relation does not exist")).getStatus()).isEqualTo(500);
    }

    @Test
    void aNumberTooLargeSaysSoWithoutJavaTypes() {
        Response response = mapper.map(new InputCoercionException(null, "Numeric value (99999999999) out of range of int",
                null, int.class));
        Problem problem = (Problem) response.getEntity();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(problem.detail()).contains("whole number").doesNotContain("int ").doesNotContain("java");
    }
}
