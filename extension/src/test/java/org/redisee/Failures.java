package org.redisee;

/** Test helper for failures. */
public final class Failures {

    private Failures() {
    }

    /** Every message in the cause chain, one per line, for assertions on what a failure says. */
    public static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
