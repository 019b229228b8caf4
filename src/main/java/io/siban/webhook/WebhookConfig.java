package io.siban.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How webhooks are sent (docs/webhooks.md); every value may be set by an environment variable (SIBAN_WEBHOOKS_...). */
@ConfigMapping(prefix = "siban.webhooks")
public interface WebhookConfig {
    /** Hosts, addresses and CIDR networks receivers may live at; link-local and metadata addresses are refused whatever this says. */
    @WithDefault("127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7")
    List<String> allowedNetworks();

    /** When set, the only ports receivers may listen on (the service's own ports on this machine are refused anyway). */
    Optional<List<Integer>> allowedPorts();

    /** Connect and response timeout of one attempt. */
    @WithDefault("PT5S")
    Duration timeout();

    /** The first retry's wait ceiling; it doubles with each failed attempt (full jitter below it). */
    @WithDefault("PT5S")
    Duration retryBase();

    @WithDefault("PT1H")
    Duration retryCap();

    /** A delivery still failing this long after its first attempt is dead (dead-lettered). */
    @WithDefault("PT24H")
    Duration giveUpAfter();

    /** How many subscriptions one instance sends at once (each one delivery at a time). */
    @WithDefault("32")
    int lanesPerInstance();

    /** How long a delivered delivery stays in the log. */
    @WithDefault("P7D")
    Duration keepDelivered();

    /** How long a dead delivery stays in the log (to be looked at and redelivered). */
    @WithDefault("P30D")
    Duration keepDead();

    /** How long a lane's lease lasts without renewal (an instance that died lets go of its lanes after this). */
    @WithDefault("PT30S")
    Duration lease();
}
