package io.siban.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.siban.common.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The caller of this request, for resources: who it is ({@link #caller()}, what services are given),
 * the refusals (403) of a caller outside its halls or windows, and what a device token may do.
 */
@RequestScoped
public class HallAccess {
    @Inject
    SecurityIdentity identity;
    @Inject
    SecurityConfig config;
    private Caller caller;

    /** The caller of this request, for the services. */
    public Caller caller() {
        if (caller == null) {
            caller = Caller.of(identity);
        }
        return caller;
    }

    public boolean allows(String hall) {
        return caller().allows(hall);
    }

    public void require(String hall) {
        if (!allows(hall)) {
            throw ProblemException.forbidden("this token may not act on hall '" + hall + "'");
        }
    }

    /** Refuses (403) a caller who may not act at the window. */
    public void requireWindow(String hall, int window) {
        require(hall);
        if (!caller().allowsWindow(hall, window)) {
            throw ProblemException.forbidden("window " + window + " is not one of this clerk's windows");
        }
    }

    /** Whether the caller may issue PRIORITY and GREEN_CHANNEL tickets: desk staff, or a device created to. */
    public boolean mayGrantPriority() {
        return caller().isDeskStaff() || isDevice() && VerifiedTokens.grantsPriority(identity);
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
        return caller().halls();
    }
}
