package io.siban.accountability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The accountability register's rules and bounds. */
@ConfigMapping(prefix = "siban.accountability")
public interface AccountabilityConfig {
    /** Working days after a card within which the department explains it (超时问责: 3). */
    @WithDefault("3")
    int explanationWorkingDays();

    /** Most rows one CSV export may hold; beyond them a 400 asks for a narrower filter. */
    @WithDefault("20000")
    int maxCsvRows();
}
