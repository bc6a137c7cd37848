package io.partnersettlement.performance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/**
 * A 64-bit digest of a set of rows that does not depend on the order they are read in (a database's order of text is
 * its collation's): each row's fields are hashed (FNV-1a over their text, a separator between fields), mixed, and the
 * mixes summed with the number of rows. Tells whether two readings of the same tables found the same rows; not a
 * defence against anyone forging a collision.
 */
final class RowDigest {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private long sum;
    private long rows;

    /** Adds a row: its table's name first, so that equal fields of two tables differ. */
    void add(String table, Object... fields) {
        long hash = hash(FNV_OFFSET, table);
        for (Object field : fields) {
            hash = hash(hash, field == null ? "\u0000" : field.toString());
        }
        sum += mix(hash);
        rows++;
    }

    long value() {
        return mix(sum ^ mix(rows + 1));
    }

    /** The SHA-256 of the classes' bytecode, nested classes included, as hex. */
    static String ofClasses(Class<?>... classes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Deque<Class<?>> pending = new ArrayDeque<>(List.of(classes));
            while (!pending.isEmpty()) {
                Class<?> c = pending.pop();
                String file = c.getName().replace('.', '/') + ".class";
                try (InputStream in = c.getClassLoader().getResourceAsStream(file)) {
                    sha.update(c.getName().getBytes(StandardCharsets.UTF_8));
                    sha.update(in.readAllBytes());
                }
                pending.addAll(List.of(c.getDeclaredClasses()));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long hash(long hash, String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * FNV_PRIME;
        }
        return (hash ^ 0x1f) * FNV_PRIME;
    }

    /** SplitMix64's finalizer: every bit of the input moves about half the bits of the output. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
