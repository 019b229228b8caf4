package io.siban.report;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The public scorecard's limit per client address (a hall TV refreshes every few minutes; a portal page per view). */
@ConfigMapping(prefix = "siban.scorecard")
public interface ScorecardConfig {
    /** Scorecards one client address may ask for a minute (a whole hall behind one NAT shares it). */
    @WithDefault("120")
    int perAddressPerMinute();
}
