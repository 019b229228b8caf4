package io.siban.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The one place where every error becomes application/problem+json. */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    static final String RETRY_AFTER_SECONDS = "5";

    // Quarkus ships mappers for several of these types that answer with an empty body; naming the
    // types here makes this mapper at least as specific as those, so every error shares one translation.
    @ServerExceptionMapper(priority = 1, value = {
            JsonProcessingException.class,
            MismatchedInputException.class,
            InvalidFormatException.class,
            JsonParseException.class,
            WebApplicationException.class,
            UnauthorizedException.class,
            AuthenticationFailedException.class,
            AuthenticationCompletionException.class,
            ForbiddenException.class,
            ConstraintViolationException.class,
            Throwable.class})
    public Response map(Throwable thrown) {
        Throwable error = unwrap(thrown);
        Problem problem = toProblem(error);
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (error instanceof ProblemException known && known.retryAfter() != null) {
            response.header("Retry-After", Long.toString(Math.max(1, known.retryAfter().toSeconds())));
        } else if (problem.status() == 503) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        if (error instanceof WebApplicationException web) {
            web.getResponse().getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(v -> response.header(name, v));
                }
            });
        }
        if (problem.status() == 401) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response.build();
    }

    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof CompositeException composite && !composite.getCauses().isEmpty()) {
            current = composite.getCauses().get(0);
        }
        return current;
    }

    private Problem toProblem(Throwable error) {
        if (error instanceof ProblemException problem) {
            return problem.toProblem();
        }
        if (error instanceof ConstraintViolationException violations) {
            return constraintViolations(violations);
        }
        if (error instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        if (error instanceof AuthenticationFailedException || error instanceof UnauthorizedException
                || error instanceof AuthenticationCompletionException) {
            return Problem.of(401, "unauthorized", "Unauthorized", "a valid bearer token is required");
        }
        if (error instanceof ForbiddenException) {
            return Problem.of(403, "forbidden", "Forbidden", "this role may not do that");
        }
        if (error instanceof WebApplicationException web) {
            JsonProcessingException json = Causes.find(web, JsonProcessingException.class);
            if (json != null) {
                return malformedJson(json);
            }
            if (web.getResponse().getStatus() == 400 && web.getCause() == null && web instanceof jakarta.ws.rs.BadRequestException) {
                return Problem.invalid("the body is missing or not well-formed JSON",
                        List.of(new Problem.Violation("body", "missing or malformed")));
            }
            return webProblem(web);
        }
        if (error instanceof OptimisticLockException || Causes.find(error, OptimisticLockException.class) != null) {
            return Problem.of(409, "version-conflict", "Conflict", "the resource was changed concurrently; reload and retry");
        }
        if (StoreFailures.isStoreDown(error)) {
            LOG.warnf("backing store unavailable: %s", error.toString());
            return Problem.of(503, "unavailable", "Service unavailable", "a backing store is unreachable; retry later");
        }
        PgException pg = Causes.find(error, PgException.class);
        if (pg != null) {
            Problem mapped = StoreFailures.problemOf(pg);
            if (mapped != null) {
                return mapped;
            }
        }
        LOG.error("unexpected error", error);
        return Problem.of(500, "internal", "Internal error", "an unexpected error occurred");
    }

    private Problem constraintViolations(ConstraintViolationException exception) {
        List<Problem.Violation> violations = exception.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .collect(Collectors.toCollection(ArrayList::new));
        String detail = violations.size() == 1
                ? violations.get(0).field() + ": " + violations.get(0).message()
                : violations.size() + " fields are invalid";
        return Problem.invalid(detail, violations);
    }

    /**
     * The JSON path of a violation: nodes after the method parameter, or the parameter itself. As in
     * the Bean Validation path's own text form, a node's index belongs to the segment before it.
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.PARAMETER) {

                parts.clear();
                continue;
            }
            if (kind != ElementKind.PROPERTY && kind != ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            String position = node.getIndex() != null ? "[" + node.getIndex() + "]"
                    : node.getKey() != null ? "[" + node.getKey() + "]" : "";
            if (!position.isEmpty()) {
                if (parts.isEmpty()) {
                    parts.add(position);
                } else {
                    parts.set(parts.size() - 1, parts.get(parts.size() - 1) + position);
                }
            }
            String name = node.getName();
            if (name != null && !name.isEmpty() && !name.startsWith("<")) {
                parts.add(name);
            }
        }
        if (!parts.isEmpty()) {
            return String.join(".", parts);
        }
        return "body";
    }

    private Problem malformedJson(JsonProcessingException exception) {
        if (exception instanceof JsonMappingException mapping) {
            String field = JsonErrors.pathOf(mapping);
            String message = JsonErrors.describe(mapping);
            return Problem.invalid(field + ": " + message, List.of(new Problem.Violation(field, message)));
        }
        if (exception instanceof StreamConstraintsException) {
            return Problem.invalid("the body is nested too deeply or a value is too long",
                    List.of(new Problem.Violation("body", "exceeds the JSON limits")));
        }
        if (exception instanceof InputCoercionException coercion) {
            String message = JsonErrors.outOfRange(coercion);
            return Problem.invalid("body: " + message, List.of(new Problem.Violation("body", message)));
        }
        java.util.regex.Matcher duplicate = DUPLICATE_FIELD.matcher(String.valueOf(exception.getOriginalMessage()));
        if (duplicate.find()) {
            String field = duplicate.group(1);
            return Problem.invalid(field + " is given twice", List.of(new Problem.Violation(field, "is given twice; give it once")));
        }
        return Problem.invalid("the body is not well-formed JSON", List.of(new Problem.Violation("body", "malformed JSON")));
    }

    /** Jackson's words for a key that appears twice in one object (strict duplicate detection is on). */
    private static final java.util.regex.Pattern DUPLICATE_FIELD = java.util.regex.Pattern.compile("^Duplicate field '([^']{1,100})'");

    private Problem webProblem(WebApplicationException web) {
        int status = web.getResponse().getStatus();
        String detail = switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this path";
            case 406 -> "cannot produce the requested media type";
            case 413 -> "the body is too large";
            case 415 -> "unsupported media type";
            default -> web.getMessage();
        };
        String slug = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "too-large";
            case 415 -> "unsupported-media-type";
            case 400 -> "bad-request";
            default -> "http-" + status;
        };
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        if (status >= 500) {
            LOG.error("server error", web);
        }
        return Problem.of(status, slug, title, detail);
    }
}
