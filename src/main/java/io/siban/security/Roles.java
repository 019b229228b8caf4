package io.siban.security;

import java.util.Set;

/** Role names carried in the token's {@code groups} claim. */
public final class Roles {
    public static final String KIOSK = "kiosk";
    public static final String DISPLAY = "display";
    /** A mobile app backend's device token: issues MOBILE tickets and books appointments for its hall. */
    public static final String MOBILE = "mobile";
    public static final String CLERK = "clerk";
    public static final String REVIEWER = "reviewer";
    public static final String SUPERVISOR = "supervisor";
    public static final String ADMIN = "admin";

    public static final Set<String> STAFF = Set.of(CLERK, REVIEWER, SUPERVISOR, ADMIN);
    public static final Set<String> DEVICES = Set.of(KIOSK, DISPLAY, MOBILE);
    /** Hall claim value that grants every hall. */
    public static final String ALL_HALLS = "*";

    private Roles() {
    }
}
