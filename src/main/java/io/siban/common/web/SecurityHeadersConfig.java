package io.siban.common.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "siban.headers")
public interface SecurityHeadersConfig {
    /**
     * Sources that may frame the call board ({@code /board/*}), e.g. {@code https://signage.example.gov}; unset, nothing
     * may frame any page.
     */
    Optional<List<String>> boardFrameAncestors();

    @WithDefault("no-referrer")
    String referrerPolicy();
}
