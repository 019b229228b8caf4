package io.siban.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "siban.demo")
public interface DemoConfig {
    /** Seed the demo halls, items and logins at start-up (the demo profile turns it on). */
    @WithDefault("false")
    boolean seed();

    /** Where the demo kiosk token is written for scripts and load tests. */
    @WithDefault(".siban/demo-kiosk-token")
    String kioskTokenFile();
}
