package io.siban.staff;

import io.siban.security.SecurityConfig;
import io.siban.security.Roles;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Makes sure an admin can log in: on a database without any active admin, creates {@code admin}
 * with the password from SIBAN_ADMIN_PASSWORD, and refuses to start in production without it.
 */
@ApplicationScoped
public class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    @Inject
    AccountService accounts;
    @Inject
    SecurityConfig config;

    void onStart(@Observes @Priority(20) StartupEvent event) throws Throwable {
        boolean anyAdmin = VertxContextSupport.subscribeAndAwait(() -> accounts.anyAdmin());
        if (anyAdmin) {
            return;
        }
        var password = config.adminPassword();
        if (password.isEmpty()) {
            if (LaunchMode.current() == LaunchMode.NORMAL && !demoProfile()) {
                throw new IllegalStateException("No admin account exists yet: set SIBAN_ADMIN_PASSWORD (at least 8 characters) "
                        + "for the first start in production.");
            }
            return;
        }
        if (password.get().length() < 8 && !demoProfile()) {
            throw new IllegalStateException("SIBAN_ADMIN_PASSWORD must have at least 8 characters");
        }
        VertxContextSupport.subscribeAndAwait(() -> accounts.ensure("admin", password.get(), List.of(Roles.ADMIN), List.of(Roles.ALL_HALLS), List.of()));
        LOG.info("created the first admin account 'admin'");
    }

    private static boolean demoProfile() {
        return io.quarkus.runtime.configuration.ConfigUtils.getProfiles().contains("demo");
    }
}
