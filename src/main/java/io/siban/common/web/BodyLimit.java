package io.siban.common.web;

import io.siban.common.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body larger than the limit with a problem+json 413 (the HTTP layer's own refusal has an
 * empty body). A body announced too large by its Content-Length is refused before it is read; a
 * chunked body, whose size shows only while it arrives, is read here up to the limit first.
 */
@ApplicationScoped
public class BodyLimit {
    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        BodyHandler chunkedBodies = BodyHandler.create(false).setBodyLimit(limit).setMergeFormAttributes(false);
        // after BodyTimeout (its clock must run while a chunked body is read here) and InputHygiene
        router.route().order(Integer.MIN_VALUE + 2).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isOver(length, limit)) {
                refuse(context, limit);
            } else if (length == null && context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED, true)) {
                chunkedBodies.handle(context);
            } else {
                context.next();
            }
        }).failureHandler(context -> {
            if (context.statusCode() == 413 && !context.response().headWritten()) {
                refuse(context, limit);
            } else {
                context.next();
            }
        });
    }

    private static void refuse(RoutingContext context, long limit) {
        Problem problem = Problem.of(413, "too-large", "Content Too Large", "the body is larger than " + limit + " bytes");
        context.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close").end(Json.encode(problem));
    }

    private static boolean isOver(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
