package io.siban.catalog;

/** Administrative level of the unit that handles an item. */
public enum Level {
    CITY, DISTRICT, TOWN, VILLAGE
}
