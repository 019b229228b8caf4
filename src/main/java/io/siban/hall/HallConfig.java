package io.siban.hall;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "siban.hall")
public interface HallConfig {
    /**
     * How often each instance reads every hall's service hours again, besides the change broadcasts:
     * the longest a change whose broadcast was lost (Redis away) goes unseen by another instance.
     */
    @WithDefault("PT60S")
    Duration hoursReloadEvery();
}
