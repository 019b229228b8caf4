package io.siban.cases;

/** Special procedures that by law do not count towards the time limit (特别程序). */
public enum Procedure {
    HEARING, EXPERT_REVIEW, TESTING, SITE_INSPECTION, PUBLIC_NOTICE
}
