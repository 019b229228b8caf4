package io.siban.common.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** RFC 9457 problem details, the body of every 4xx/5xx answer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(example = "https://siban.io/problems/validation") String type,
        @Schema(example = "Invalid request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "committedLimit must not exceed statutoryLimit") String detail,
        List<Violation> violations,
        @JsonIgnore @Schema(hidden = true) Map<String, Object> members) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://siban.io/problems/";

    public Problem(String type, String title, int status, String detail, List<Violation> violations) {
        this(type, title, status, detail, violations, null);
    }

    /** What a problem type adds beside the standard members (RFC 9457 extension members), e.g. a hall's next opening. */
    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return members == null ? Map.of() : members;
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null);
    }

    public static Problem invalid(String detail, List<Violation> violations) {
        return new Problem(TYPE_BASE + "validation", "Invalid request", 400, detail, violations);
    }

    @Schema(name = "Violation")
    public record Violation(@Schema(example = "committedLimit") String field,
                            @Schema(example = "must not exceed statutoryLimit") String message) {
    }
}
