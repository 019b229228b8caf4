package io.siban.queue.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "NearTurnSetting", description = "How many tickets may still be ahead of one whose holder is told that their turn is near")
public record NearTurnSetting(@Schema(example = "3", minimum = "1", maximum = "50", required = true) Integer ahead) {
}
