package io.partnersettlement.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /** The system property naming the point where a thread pauses: {@code point} or {@code point#n}. */
    public static final String PAUSE_PROPERTY = "settlement.pause-at";

    /**
     * The system property naming a point where the process waits at a start line: the first time it reaches the point
     * it writes {@code <file>.ready-<pid>} and waits until {@code <file>} exists ({@code settlement.barrier-file}), so
     * that processes started apart act at the same moment.
     */
    public static final String BARRIER_PROPERTY = "settlement.barrier-at";

    private static final String BARRIER_POINT = System.getProperty(BARRIER_PROPERTY);
    private static boolean barrierPassed;
    private static final String POINT;
    private static final long AT_HIT;
    private static final String PAUSE_POINT;
    private static final long PAUSE_AT_HIT;
    private static long hits;
    private static long pauseHits;

    static {
        String spec = System.getProperty(PROPERTY);
        POINT = point(spec);
        AT_HIT = hit(spec);
        String pause = System.getProperty(PAUSE_PROPERTY);
        PAUSE_POINT = point(pause);
        PAUSE_AT_HIT = hit(pause);
    }

    private static String point(String spec) {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        int hash = spec.indexOf('#');
        return hash < 0 ? spec.trim() : spec.substring(0, hash).trim();
    }

    private static long hit(String spec) {
        if (spec == null || spec.isBlank()) {
            return 0;
        }
        int hash = spec.indexOf('#');
        return hash < 0 ? 1 : Long.parseLong(spec.substring(hash + 1).trim());
    }

    private CrashPoints() {
    }

    /** Marks that the process reached {@code point}; dies here when this is the chosen point and hit. */
    public static void reach(String point) {
        if (BARRIER_POINT != null && BARRIER_POINT.equals(point)) {
            awaitStartLine();
        }
        if (POINT != null && POINT.equals(point)) {
            countAndMaybeDie(point);
        }
        if (PAUSE_POINT != null && PAUSE_POINT.equals(point) && pauseHere()) {
            try {
                Thread.sleep(Long.getLong("settlement.pause-millis", 20_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static synchronized void awaitStartLine() {
        if (barrierPassed) {
            return;
        }
        barrierPassed = true;
        Path go = Path.of(System.getProperty("settlement.barrier-file"));
        try {
            Files.writeString(go.resolveSibling(go.getFileName() + ".ready-" + ProcessHandle.current().pid()), "");
            while (!Files.exists(go)) {
                Thread.onSpinWait();
                Thread.sleep(0, 100_000);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static synchronized boolean pauseHere() {
        return ++pauseHits == PAUSE_AT_HIT;
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
