package io.siban.queue.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RatingRequest", description = "好差评: 1 (very poor) to 5 (very good), once per served ticket")
public record RatingRequest(@Schema(required = true, example = "5") Integer score,
                            @Schema(example = "办事很快") String comment) {
}
