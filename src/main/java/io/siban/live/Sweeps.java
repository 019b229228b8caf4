package io.siban.live;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.siban.common.Periodic;
import io.siban.common.Sweep;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/** Starts every {@link Sweep} of the service at the configured pace, and stops them at shutdown. */
@ApplicationScoped
public class Sweeps {
    @Inject
    Vertx vertx;
    @Inject
    LiveConfig config;
    @Inject
    @Any
    Instance<Sweep> sweeps;

    private final List<Periodic> running = new ArrayList<>();

    synchronized void start(@Observes StartupEvent event) {
        for (Sweep sweep : sweeps) {
            running.add(Periodic.started(vertx, sweep.name(), config.sweepEvery(), config.sweepLimit(), sweep::sweep));
        }
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        running.forEach(Periodic::stop);
        running.clear();
    }
}
