package io.siban.report;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The bounds of a KPI report: what one request may cost the database and the service. */
@ConfigMapping(prefix = "siban.report")
public interface ReportConfig {
    /** Longest one of a report's statements (or one fetch of its cursor) may run; beyond it the answer is a 503. */
    @WithDefault("20s")
    Duration statementTimeout();

    /** Most rows a report may have (a year by day and window of 30 windows is about 11 000); beyond it a 400. */
    @WithDefault("20000")
    int maxRows();

    /** Reports one instance reads at once (they share the pool with issuing and numbering); the next ones wait. */
    @WithDefault("4")
    int concurrent();

    /** Reports that may wait for their turn on one instance; beyond them a 503. */
    @WithDefault("64")
    int waiting();
}
