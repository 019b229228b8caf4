package io.siban.rating;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

@Schema(name = "RatingRequest", description = "好差评: 5 非常满意 … 1 非常不满意, once per served ticket (一次一评) or closed case (一事一评)")
public record RatingRequest(@Schema(required = true, example = "5", minimum = "1", maximum = "5") Integer score,
                            @Schema(description = "optional, each 1..5: attitude 服务态度, efficiency 办事效率, quality 办理质量, "
                                    + "integrity 廉洁自律", example = "{\"attitude\": 5, \"efficiency\": 4}") Map<String, Integer> dimensions,
                            @Schema(example = "办事很快", maxLength = 500) String comment) {

    public RatingRequest(Integer score, String comment) {
        this(score, null, comment);
    }
}
