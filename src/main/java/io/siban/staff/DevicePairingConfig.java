package io.siban.staff;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "siban.device-pairing")
public interface DevicePairingConfig {
    /** How long a pairing code can be used, from the moment the admin asks for it. */
    @WithDefault("PT10M")
    Duration codeLifetime();

    /** Wrong pairing codes per client address and minute before 429. */
    @WithDefault("10")
    int failuresPerMinute();
}
