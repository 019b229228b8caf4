package io.siban.cases;

/** Moves of a case; each is allowed only from some states, for some categories and roles. */
public enum CaseAction {
    ACCEPT, NOT_ACCEPT, REQUEST_SUPPLEMENT, SUPPLEMENT_RECEIVED, START_PROCEDURE, END_PROCEDURE,
    START_REVIEW, FORWARD, UPSTREAM_RETURNED, APPROVE, REJECT, DELIVER, WITHDRAW
}
