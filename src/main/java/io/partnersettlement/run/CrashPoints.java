package io.partnersettlement.run;

import java.io.IOException;

/**
 * Named places where the engine can be made to die on purpose, to prove that a crash at that place loses nothing and
 * doubles nothing. Off unless the JVM is started with {@code -Dsettlement.crash-at=<point>[#<n>]}: then the
 * {@code n}-th time (default: the first) the running process reaches {@code point}, it kills itself with SIGKILL —
 * no shutdown hook, no finally block, no rollback, exactly as a power cut or {@code kill -9} would. The fault suite
 * (and anyone who doubts) uses it; a production run never sets it.
 *
 * <p>The points, in the order a run meets them, are listed in the README's "Guarantees" section.
 */
public final class CrashPoints {

    /** The system property naming the point: {@code point} or {@code point#n}. */
    public static final String PROPERTY = "settlement.crash-at";

    private static final String POINT;
    private static final long AT_HIT;
    private static long hits;

    static {
        String spec = System.getProperty(PROPERTY);
        if (spec == null || spec.isBlank()) {
            POINT = null;
            AT_HIT = 0;
        } else {
            int hash = spec.indexOf('#');
            POINT = hash < 0 ? spec.trim() : spec.substring(0, hash).trim();
            AT_HIT = hash < 0 ? 1 : Long.parseLong(spec.substring(hash + 1).trim());
        }
    }

    private CrashPoints() {
    }

    /** Marks that the process reached {@code point}; dies here when this is the chosen point and hit. */
    public static void reach(String point) {
        if (POINT != null && POINT.equals(point)) {
            countAndMaybeDie(point);
        }
    }

    private static synchronized void countAndMaybeDie(String point) {
        if (++hits != AT_HIT) {
            return;
        }
        System.err.println("crash point " + point + "#" + hits + " reached: killing the process with SIGKILL");
        System.err.flush();
        try {
            new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).inheritIO().start().waitFor();
            // the signal is on its way: nothing more of this process may run
            Thread.sleep(Long.MAX_VALUE);
        } catch (IOException e) {
            Runtime.getRuntime().halt(137);
        } catch (InterruptedException e) {
            Runtime.getRuntime().halt(137);
        }
    }
}
