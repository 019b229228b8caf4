package io.siban.common.web;

import io.siban.common.problem.Problem;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.netty.handler.codec.DecoderException;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Control characters never get past the edge: a path or query with a C0 control character or DEL
 * (raw or percent-encoded) or a broken percent-encoding is a 400 before routing, and a JSON string
 * with a control character other than tab, line feed and carriage return is a 400 naming its field, and
 * so is a Content-Type header that is not a media type.
 * PostgreSQL cannot store a NUL byte, and nothing here has a use for the others.
 */
@Singleton
public class InputHygiene implements ObjectMapperCustomizer {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            String uri = context.request().uri();
            int query = uri.indexOf('?');
            String problem = query < 0 ? check("path", uri) : check("path", uri.substring(0, query));
            if (problem == null && query >= 0) {
                problem = check("query", uri.substring(query + 1).replace('+', ' '));
            }
            if (problem == null) {
                problem = mediaType(context.request().getHeader("Content-Type"));
            }
            if (problem == null) {
                context.next();
            } else {
                refuse(context, problem);
            }
        }).failureHandler(context -> {
            // the HTTP decoder failing on a body (a bad chunk size, say) arrives here, not at a resource
            Throwable failure = context.failure();
            if ((failure instanceof DecoderException || failure instanceof NumberFormatException) && !context.response().headWritten()) {
                Problem problem = Problem.of(400, "bad-request", "Bad Request", "the request is not well-formed HTTP");
                context.response().setStatusCode(400).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                        .end(Json.encode(problem));
            } else if (!(failure instanceof HttpClosedException)) {
                context.next();
            } // else the server closed the connection on a body it could not decode: nobody to answer
        });
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        // a key given twice is a contradiction, not a choice for us to make (and records cannot take it twice)
        mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule("siban-input-hygiene").addDeserializer(String.class, new CleanStrings()));
    }

    /**
     * A problem with the Content-Type header, or null: one that is not a media type at all would make
     * the routing of a resource with several consumed types fail before any mapper could answer.
     */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            jakarta.ws.rs.core.MediaType.valueOf(contentType);
            return null;
        } catch (IllegalArgumentException e) {
            return "Content-Type: is not a media type (type/subtype, e.g. application/json)";
        }
    }

    /** A problem with the part of the URI, or null when it is clean. */
    static String check(String part, String raw) {
        String decoded;
        try {
            decoded = percentDecoded(raw);
        } catch (IllegalArgumentException e) {
            return part + ": " + e.getMessage();
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return part + ": must not contain control characters (U+" + String.format("%04X", (int) c) + ")";
            }
        }
        return null;
    }

    static boolean isForbiddenInText(char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f;
    }

    private static String percentDecoded(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        byte[] bytes = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("has a malformed percent-encoding");
                }
                bytes[n++] = (byte) (Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                bytes[n++] = (byte) c;
            } else {
                return raw; // not a URI Netty would have let through; nothing to decode
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("is not valid UTF-8 once percent-decoded");
        }
    }

    private static void refuse(RoutingContext context, String detail) {
        String field = detail.substring(0, detail.indexOf(':'));
        Problem problem = Problem.invalid(detail, java.util.List.of(new Problem.Violation(field, detail.substring(field.length() + 2))));
        context.response().setStatusCode(400).putHeader("Content-Type", Problem.MEDIA_TYPE).end(Json.encode(problem));
    }

    /** Jackson's own string reading, then a refusal of control characters. */
    static final class CleanStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null) {
                for (int i = 0; i < value.length(); i++) {
                    if (isForbiddenInText(value.charAt(i))) {
                        throw InvalidFormatException.from(parser, "must not contain control characters (U+"
                                + String.format("%04X", (int) value.charAt(i)) + ")", value, String.class);
                    }
                }
            }
            return value;
        }
    }
}
