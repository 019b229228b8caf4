package io.siban.common.problem;

/** Reading an error's chain of causes (frameworks wrap what was thrown, sometimes several times). */
final class Causes {
    private Causes() {
    }

    /** The first error of the type in the chain of causes, or null. */
    static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
