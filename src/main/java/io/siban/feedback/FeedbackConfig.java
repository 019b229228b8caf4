package io.siban.feedback;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** 好差评 settings; each hall's answer deadlines are stored with the hall (PUT /halls/{hall}/feedback). */
@ConfigMapping(prefix = "siban.feedback")
public interface FeedbackConfig {
    /** How long after the service (a ticket's finish, a case's close) it may be rated. */
    @WithDefault("7d")
    Duration ratingWindow();
}
