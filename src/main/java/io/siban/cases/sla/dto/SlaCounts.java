package io.siban.cases.sla.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SlaCounts")
public record SlaCounts(@Schema(example = "120") long open, @Schema(example = "8") long paused, @Schema(example = "11") long yellow,
                        @Schema(example = "3") long red, @Schema(example = "0") long legalBreach) {
    public static final SlaCounts ZERO = new SlaCounts(0, 0, 0, 0, 0);

    public SlaCounts plus(SlaCounts o) {
        return new SlaCounts(open + o.open, paused + o.paused, yellow + o.yellow, red + o.red, legalBreach + o.legalBreach);
    }
}
