package io.siban.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.siban.common.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The scope of the caller's token: admins act everywhere, everyone else on the halls named in it;
 * a clerk (who is not also a supervisor) at the windows assigned to them.
 */
@RequestScoped
public class HallAccess implements Scope {
    @Inject
    SecurityIdentity identity;
    @Inject
    SecurityConfig config;
    private Caller caller;

    @Override
    public boolean allows(String hall) {
        return allows(identity, hall);
    }

    @Override
    public boolean allowsWindow(String hall, int window) {
        return caller().allowsWindow(hall, window);
    }

    @Override
    public boolean supervises(String hall) {
        return caller().supervises(hall);
    }

    /** The scope of an identity resolved by the caller (endpoints that do not require a token). */
    public static Scope of(SecurityIdentity identity) {
        return Caller.of(identity);
    }

    /** The caller of this request, for the services. */
    public Caller caller() {
        if (caller == null) {
            caller = Caller.of(identity);
        }
        return caller;
    }

    /** Refuses (403) a caller who may not act at the window. */
    public void requireWindow(String hall, int window) {
        require(hall);
        if (!allowsWindow(hall, window)) {
            throw ProblemException.forbidden("window " + window + " is not one of this clerk's windows");
        }
    }

    /** The same, for an identity resolved by the caller (endpoints that do not require a token). */
    public static boolean allows(SecurityIdentity identity, String hall) {
        if (identity.hasRole(Roles.ADMIN)) {
            return true;
        }
        List<String> halls = VerifiedTokens.halls(identity);
        return halls.contains(Roles.ALL_HALLS) || halls.contains(hall);
    }

    public void require(String hall) {
        if (!allows(hall)) {
            throw ProblemException.forbidden("this token may not act on hall '" + hall + "'");
        }
    }

    /** Whether the caller is hall staff who may act for a citizen at the desk (clerk, supervisor, admin). */
    public boolean isDeskStaff() {
        return isDeskStaff(identity);
    }

    public static boolean isDeskStaff(SecurityIdentity identity) {
        return identity.hasRole(Roles.CLERK) || identity.hasRole(Roles.SUPERVISOR) || identity.hasRole(Roles.ADMIN);
    }

    /** Whether the caller may issue PRIORITY and GREEN_CHANNEL tickets: desk staff, or a device created to. */
    public boolean mayGrantPriority() {
        return isDeskStaff() || isDevice() && VerifiedTokens.grantsPriority(identity);
    }

    public boolean isDevice() {
        return TokenIssuer.KIND_DEVICE.equals(VerifiedTokens.kind(identity));
    }

    /** A device's issuing limit: its id and tickets a minute; null for staff (old device tokens get the default). */
    public DeviceLimit deviceLimit() {
        if (!isDevice()) {
            return null;
        }
        Integer perMinute = VerifiedTokens.issueLimit(identity);
        return new DeviceLimit(identity.getPrincipal().getName(), perMinute == null ? config.deviceTicketsPerMinute() : perMinute);
    }

    public record DeviceLimit(String device, int ticketsPerMinute) {
    }

    public List<String> halls() {
        return VerifiedTokens.halls(identity);
    }

    public String actor() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
