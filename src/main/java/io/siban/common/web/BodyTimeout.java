package io.siban.common.web;

import io.siban.common.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * A client that sends its body slowly holds a connection and a request; after
 * {@link HttpLimits#bodyTimeout()} it is answered 408 and cut off, however steadily it trickles
 * (the connection idle timeout only catches a client that sends nothing at all).
 */
@ApplicationScoped
public class BodyTimeout {
    @Inject
    HttpLimits limits;

    void install(@Observes Router router) {
        long millis = Math.max(1, limits.bodyTimeout().toMillis());
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            HttpServerRequest request = context.request();
            if (hasBody(request) && !request.isEnded()) {
                long timer = context.vertx().setTimer(millis, id -> {
                    if (!request.isEnded()) {
                        cutOff(context);
                    }
                });
                context.addEndHandler(ended -> context.vertx().cancelTimer(timer));
            }
            context.next();
        });
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return length != null && !length.trim().equals("0") || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private void cutOff(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.version() == HttpVersion.HTTP_2) {
            context.response().reset();
            return;
        }
        if (context.response().headWritten()) {
            request.connection().close();
            return;
        }
        Problem problem = Problem.of(408, "body-timeout", "Request Timeout",
                "the body did not arrive within " + limits.bodyTimeout().toSeconds() + " s");
        context.response().setStatusCode(408).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                .end(Json.encode(problem)).onComplete(done -> request.connection().close());
    }
}
