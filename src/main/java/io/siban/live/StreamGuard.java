package io.siban.live;

import io.siban.common.Problem;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Answers a stream request for an unknown hall with a 404 before the event stream starts: once an
 * SSE response has begun its status can no longer change.
 */
@ApplicationScoped
public class StreamGuard {
    @Inject
    Pool pool;

    void install(@Observes Router router) {
        router.getWithRegex("/api/v1/halls/([^/]+)/stream").order(-100).handler(context -> {
            String hall = context.pathParam("param0");
            pool.preparedQuery("select 1 from hall where code = $1").execute(Tuple.of(hall)).subscribe().with(rows -> {
                if (rows.size() > 0) {
                    context.next();
                    return;
                }
                Problem problem = Problem.of(404, "not-found", "Not found", "hall '" + hall + "' does not exist");
                context.response().setStatusCode(404).putHeader("Content-Type", Problem.MEDIA_TYPE).end(Json.encode(problem));
            }, failure -> context.next());
        });
    }
}
