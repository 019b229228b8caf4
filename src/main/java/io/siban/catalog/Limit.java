package io.siban.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * A time limit: either a count of working days ({@code {"workingDays": 5}}) or a working-time
 * duration ({@code {"duration": "PT30M"}}). On input a bare number means working days and a bare
 * ISO-8601 string means a duration.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonDeserialize(using = Limit.Reader.class)
@Schema(name = "Limit", description = "Working days or a working-time duration; exactly one is set",
        example = "{\"workingDays\": 5}")
public record Limit(@Schema(example = "5") Integer workingDays,
                    @Schema(example = "PT30M", implementation = String.class) Duration duration) {

    /** Seconds of working time a nominal working day counts for when a duration is compared with days. */
    public static final long NOMINAL_WORKING_DAY_SECONDS = 8 * 3600;

    public static Limit days(int days) {
        return new Limit(days, null);
    }

    public static Limit of(Duration duration) {
        return new Limit(null, duration);
    }

    /**
     * A limit as the tables store it: working days in one column, working seconds in another, at most one
     * set. The one place that reads the two columns; {@link #storedDays()} and {@link #storedSeconds()} write them.
     */
    public static Limit stored(Integer days, Long seconds) {
        if (days != null) {
            return days(days);
        }
        return seconds == null ? null : of(Duration.ofSeconds(seconds));
    }

    /** The working-days column of this limit; null for a duration. */
    public Integer storedDays() {
        return isDays() ? workingDays : null;
    }

    /** The working-seconds column of this limit; null for working days. */
    public Long storedSeconds() {
        return isDays() ? null : duration.getSeconds();
    }

    public boolean isDays() {
        return workingDays != null;
    }

    /** For ordering limits of different kinds: days count as nominal 8-hour working days. */
    public long nominalSeconds() {
        return isDays() ? workingDays * NOMINAL_WORKING_DAY_SECONDS : duration.getSeconds();
    }

    /** Parses the CSV/text form: "5" or "5d" (working days) or "PT30M" (duration). */
    public static Limit parse(String text) {
        String value = text.trim();
        if (value.matches("\\d{1,4}d?")) {
            return days(Integer.parseInt(value.replace("d", "")));
        }
        try {
            return of(Duration.parse(value));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is neither a number of working days nor an ISO-8601 duration");
        }
    }

    @Override
    public String toString() {
        return isDays() ? workingDays + " working days" : String.valueOf(duration);
    }

    static final class Reader extends JsonDeserializer<Limit> {
        @Override
        public Limit deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            if (node.isInt()) {
                return days(node.intValue());
            }
            if (node.isTextual()) {
                return parseOrFail(node.textValue(), context);
            }
            if (node.isObject()) {
                JsonNode days = node.get("workingDays");
                JsonNode duration = node.get("duration");
                if ((days == null || days.isNull()) == (duration == null || duration.isNull())) {
                    return (Limit) context.handleWeirdStringValue(Limit.class, node.toString(),
                            "give exactly one of workingDays or duration");
                }
                if (days != null && !days.isNull()) {
                    if (!days.isInt()) {
                        return (Limit) context.handleWeirdStringValue(Limit.class, days.toString(), "workingDays must be a whole number");
                    }
                    return days(days.intValue());
                }
                if (!duration.isTextual()) {
                    return (Limit) context.handleWeirdStringValue(Limit.class, duration.toString(), "duration must be an ISO-8601 string");
                }
                return parseOrFail(duration.textValue(), context);
            }
            return (Limit) context.handleWeirdStringValue(Limit.class, node.toString(),
                    "expected {\"workingDays\": n} or {\"duration\": \"PT30M\"}");
        }

        private static Limit parseOrFail(String text, DeserializationContext context) throws IOException {
            try {
                return parse(text);
            } catch (IllegalArgumentException e) {
                return (Limit) context.handleWeirdStringValue(Limit.class, text, e.getMessage());
            }
        }
    }
}
