package io.siban.cases;

public enum CaseChannel {
    WINDOW, ONLINE, MOBILE, SELF_SERVICE
}
