package io.siban.hall;

public enum WindowStatus {
    OPEN, PAUSED, CLOSED
}
