package io.siban.hall;

/** The statements of the halls' service hours (V18): set in the hall's transaction, read into {@link HallHours}. */
final class HallHoursStore {
    private HallHoursStore() {
    }

    /** Sets (or with null clears) a hall's hours and counts the change, so older copies in memory lose to newer ones. */
    static final String SET = """
            update hall set service_hours = (:hours)::text::jsonb, service_hours_version = service_hours_version + 1
            where code = :hall""";

    static final String CLEAR = """
            update hall set service_hours = null, service_hours_version = service_hours_version + 1 where code = :hall""";

    /** A hall's hours as stored (the JSON text, or null). */
    static final String OF_HALL = "select service_hours::text from hall where code = :hall";

    /** Every hall's hours with its version and calendar, for the copy each instance keeps. */
    static final String ALL = "select code, calendar_id, service_hours::text as hours, service_hours_version from hall";

    /** One hall's, the same columns. */
    static final String ONE = ALL + " where code = $1";
}
