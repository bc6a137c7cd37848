package io.partnersettlement.cli;

/** Whether the operator asked for stack traces: {@code --debug} on the command line, or {@code SETTLEMENT_DEBUG=1}. */
final class Debug {

    private static volatile boolean requested;

    private Debug() {
    }

    static void request(boolean on) {
        requested |= on;
    }

    static boolean on() {
        String env = System.getenv("SETTLEMENT_DEBUG");
        return requested || "1".equals(env) || "true".equalsIgnoreCase(env);
    }

    /** Forgets a request, so that one in-process command does not leave it on for the next. */
    static void reset() {
        requested = false;
    }
}
