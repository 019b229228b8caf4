package io.siban.sla.calendar;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "siban.calendar")
public interface CalendarSettings {
    /** The calendar new halls use when they name none; seeded from the shipped China calendar. */
    @WithDefault("cn")
    String defaultId();

    /** The first year a public deadline preview may start, pause or end in. */
    @WithDefault("1970")
    int previewFromYear();

    /** The last year a public deadline preview may start, pause or end in (bounds the years the engine builds). */
    @WithDefault("2200")
    int previewUntilYear();
}
