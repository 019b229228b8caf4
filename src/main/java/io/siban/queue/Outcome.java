package io.siban.queue;

/** How a served ticket ended. */
public enum Outcome {
    CASE_ACCEPTED, COMPLETED_ON_SPOT, MISSING_DOCUMENTS, CONSULTATION
}
