package io.siban.common.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "siban.http")
public interface HttpLimits {
    /**
     * How long a request body may take to arrive in full, from the end of its headers; a slower one
     * is answered 408 and its connection closed. 2 MB (the body limit) in 10 s needs 1.6 Mbit/s.
     */
    @WithDefault("PT10S")
    Duration bodyTimeout();
}
