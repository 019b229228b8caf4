package io.siban.accountability.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ExplanationRequest")
public record ExplanationRequest(@Schema(required = true, description = "a card the case has received", example = "RED",
                                         enumeration = {"YELLOW", "RED", "LEGAL_BREACH"}) String card,
                                 @Schema(required = true, maxLength = 500, example = "现场核查排期延误") String cause,
                                 @Schema(required = true, maxLength = 500, example = "审批科 王某") String responsible,
                                 @Schema(required = true, maxLength = 500, example = "核查改为受理后两个工作日内排定") String remedy,
                                 @Schema(description = "the stage whose card is explained (LOCAL: a PROXY case's local pre-review); "
                                         + "none for the case's own deadlines", enumeration = {"LOCAL"}) String stage) {

    public ExplanationRequest(String card, String cause, String responsible, String remedy) {
        this(card, cause, responsible, remedy, null);
    }
}
