package io.siban.sla;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "siban.calendar")
public interface CalendarSettings {
    /** The calendar new halls use when they name none; seeded from the shipped China calendar. */
    @WithDefault("cn")
    String defaultId();
}
