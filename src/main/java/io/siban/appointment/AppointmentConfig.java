package io.siban.appointment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** What a hall operator tunes about appointments (docs/appointments.md). */
@ConfigMapping(prefix = "siban.appointment")
public interface AppointmentConfig {
    /** How many days ahead slots are offered and booked (today counts as day 0). */
    @WithDefault("14")
    int horizonDays();

    /** How early before its slot's start a booking may be checked in. */
    @WithDefault("PT30M")
    Duration checkInBefore();

    /** How late after its slot's start a booking may still be checked in; after that it is missed. */
    @WithDefault("PT15M")
    Duration checkInAfter();

    /** Bookings refused after this many missed appointments in {@link #missedWindow()}; 0: never refused. */
    @WithDefault("0")
    int missedLimit();

    @WithDefault("P30D")
    Duration missedWindow();

    /** Public slot reads a minute per client address. */
    @WithDefault("120")
    int slotReadsPerMinute();

    /**
     * Slot reads a minute per token of the hall itself (its mobile backend, which asks for all its users from
     * one address, or a staff account): counted per device or account instead of per address.
     */
    @WithDefault("3000")
    int hallSlotReadsPerMinute();
}
