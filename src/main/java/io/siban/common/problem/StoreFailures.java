package io.siban.common.problem;

import io.vertx.pgclient.PgException;
import io.vertx.redis.client.impl.types.ErrorType;

import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.List;

/** How failures of the stores read: a store that went away, or a PostgreSQL refusal of what the client sent. */
final class StoreFailures {
    private StoreFailures() {
    }

    /** What a PostgreSQL refusal means to the client, or null when it is the server's own failure. */
    static Problem problemOf(PgException pg) {
        String state = pg.getSqlState();
        if (state == null) {
            return null;
        }
        return switch (state) {
            case "23505" -> Problem.of(409, "duplicate", "Already exists", "a record with the same key already exists");
            case "23503" -> Problem.of(409, "in-use", "Conflict", "the record is referenced by or refers to another record");
            case "40001", "40P01" -> Problem.of(409, "version-conflict", "Conflict", "concurrent update; retry");
            // a text the database cannot store (a NUL byte, an invalid sequence): a safety net behind InputHygiene
            case "22021", "22P05" -> Problem.invalid("a value contains characters that cannot be stored",
                    List.of(new Problem.Violation("body", "contains a NUL byte or an invalid character")));
            default -> state.startsWith("22")
                    ? Problem.invalid("a value is out of range", List.of(new Problem.Violation("body", "value out of range")))
                    : null;
        };
    }

    /**
     * Whether the error says a backing store (PostgreSQL, Redis) is unreachable or went away: decided
     * by exception class and SQLSTATE class, never by message text.
     */
    static boolean isStoreDown(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketException || t instanceof ClosedChannelException
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException
                    || t instanceof io.netty.channel.ConnectTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException
                    // what the SQL and Redis clients fail a command with when its connection is gone
                    // ("not active now"); our own code never throws it
                    || t instanceof io.vertx.core.impl.NoStackTraceThrowable
                    || t instanceof ErrorType redis && redis.is("CONNECTION_CLOSED")
                    || t instanceof PgException pg && isStoreDownState(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    /** Connection exceptions (class 08), and the server shutting down or restarting (57P01–57P03). */
    static boolean isStoreDownState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03"));
    }
}
