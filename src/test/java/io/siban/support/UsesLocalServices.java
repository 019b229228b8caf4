package io.siban.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link LocalServicesResource} for every Quarkus test (one start for the whole suite). */
@QuarkusTestResource(LocalServicesResource.class)
public final class UsesLocalServices {
    private UsesLocalServices() {
    }
}
