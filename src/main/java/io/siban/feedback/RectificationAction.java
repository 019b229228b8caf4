package io.siban.feedback;

/** What a supervisor does to a rectification. */
public enum RectificationAction {
    CONTACT, RECTIFY, CLOSE, APPEAL, EXCLUDE, UPHOLD
}
