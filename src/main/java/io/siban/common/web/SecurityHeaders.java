package io.siban.common.web;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Headers on every answer that keep the browser from turning server text into markup or script,
 * from framing the screens, from leaking addresses in referrers, and from storing API answers. The
 * screens load only their own scripts and styles; Swagger UI under {@code /q/} needs its inline
 * bootstrap script and styles, so only there are inline ones allowed.
 */
@ApplicationScoped
public class SecurityHeaders {
    static final String SCREENS = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors ";
    static final String DOCS = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Inject
    SecurityHeadersConfig config;

    // before the body limit and every other route, so refusals carry the headers too
    void install(@Observes @Priority(1) Router router) {
        String boardAncestors = config.boardFrameAncestors().map(list -> String.join(" ", list)).orElse(null);
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            apply(context, boardAncestors);
            context.next();
        });
    }

    static String contentSecurityPolicy(String path, String boardAncestors) {
        if (path.startsWith("/q/")) {
            return DOCS;
        }
        boolean framedBoard = boardAncestors != null && !boardAncestors.isBlank() && path.startsWith("/board/");
        return SCREENS + (framedBoard ? boardAncestors : "'none'");
    }

    private void apply(RoutingContext context, String boardAncestors) {
        String path = context.normalizedPath();
        MultiMap headers = context.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", config.referrerPolicy());
        String policy = contentSecurityPolicy(path, boardAncestors);
        headers.set("Content-Security-Policy", policy);
        if (policy.endsWith("frame-ancestors 'none'")) {
            headers.set("X-Frame-Options", "DENY"); // for browsers that predate frame-ancestors
        }
        if (path.startsWith("/api/")) {
            // API answers carry tokens and personal data: nothing stores them unless the answer says otherwise
            context.addHeadersEndHandler(ignored -> {
                if (!headers.contains("Cache-Control")) {
                    headers.set("Cache-Control", "no-store");
                }
            });
        }
    }
}
