package io.siban.security;

import io.quarkus.security.identity.SecurityIdentity;

import java.util.List;
import java.util.Set;

/**
 * Who acts, in which roles, and where: what services are given instead of loose security parameters.
 * Admins act on every hall; everyone else on the halls their token names; a clerk who is not also a
 * supervisor at the windows assigned to them. The holder of a ticket's key acts on that one ticket
 * (the resource has checked the key), with no role and no supervisor's view.
 *
 * @param windows     the windows assigned to the caller, as text; null when windows do not limit the caller
 * @param departments the departments a supervisor answers for in their halls; empty: all of them
 */
public record Caller(String actor, Set<String> roles, List<String> halls, List<String> windows, List<String> departments) {
    /** How a citizen acting with a ticket's key is recorded. */
    public static final String CITIZEN = "citizen";

    public Caller {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        halls = halls == null ? List.of() : List.copyOf(halls);
        windows = windows == null ? null : List.copyOf(windows);
        departments = departments == null ? List.of() : List.copyOf(departments);
    }

    /** A caller answering for every department of its halls. */
    public Caller(String actor, Set<String> roles, List<String> halls, List<String> windows) {
        this(actor, roles, halls, windows, List.of());
    }

    /** The holder of a ticket's key: the ticket is reached by its key, wherever it is; nothing else is. */
    public static Caller ticketHolder() {
        return new Caller(CITIZEN, Set.of(), List.of(Roles.ALL_HALLS), null);
    }

    /** The caller of a resolved identity; anonymous callers reach no hall. */
    public static Caller of(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return new Caller("anonymous", Set.of(), List.of(), List.of());
        }
        return new Caller(identity.getPrincipal().getName(), identity.getRoles(), VerifiedTokens.halls(identity),
                VerifiedTokens.windows(identity), VerifiedTokens.departments(identity));
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** Admins and supervisors: any window of their halls, every applicant's data (still recorded). */
    public boolean isOverseer() {
        return has(Roles.ADMIN) || has(Roles.SUPERVISOR);
    }

    /** Hall staff who may act for a citizen at the desk (clerk, supervisor, admin). */
    public boolean isDeskStaff() {
        return has(Roles.CLERK) || isOverseer();
    }

    public boolean allows(String hall) {
        return has(Roles.ADMIN) || halls.contains(Roles.ALL_HALLS) || halls.contains(hall);
    }

    public boolean allowsWindow(String hall, int window) {
        return allows(hall) && (windows == null || isOverseer() || windows.contains(Integer.toString(window)));
    }

    public boolean supervises(String hall) {
        return allows(hall) && isOverseer();
    }

    /** Whether the caller supervises the hall and answers for the department there (admins for all). */
    public boolean supervises(String hall, String department) {
        return supervises(hall) && (has(Roles.ADMIN) || departments.isEmpty() || departments.contains(department));
    }
}
