package io.siban.common;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The reactive pool as Quarkus configures it, with room in the prepared statement cache for the hot
 * statements: ticket issuing and calling are single CTE statements longer than the client's default
 * limit of 2048 characters, and statements over the limit are parsed and planned on every request.
 */
@Singleton
public class PgPoolSettings implements PgPoolCreator {
    static final int CACHEABLE_SQL_LENGTH = 16_384;

    @Override
    public Pool create(Input input) {
        input.pgConnectOptionsList().forEach(options -> options.setPreparedStatementCacheSqlLimit(CACHEABLE_SQL_LENGTH));
        return PgBuilder.pool().with(input.poolOptions()).connectingTo(List.<SqlConnectOptions>copyOf(input.pgConnectOptionsList()))
                .using(input.vertx()).build();
    }
}
