package io.partnersettlement.performance;

import java.util.Collection;

/**
 * A set of ingested files as a period's refresh state keeps it: how many, and the sum of a 64-bit mix of their ids.
 * Sets that differ (a file more, less or another) differ here too, but for a collision of 2^-64; the union of two
 * disjoint sets is the sum of both.
 */
public record FileSet(long count, long digest) {

    public static final FileSet NONE = new FileSet(0, 0);

    public static FileSet of(Collection<Long> fileIds) {
        long digest = 0;
        for (long id : fileIds) {
            digest += RowDigest.mix(id + 0x9e3779b97f4a7c15L);
        }
        return new FileSet(fileIds.size(), digest);
    }

    /** This set with the files of {@code other}, none of which it holds. */
    public FileSet plus(FileSet other) {
        return new FileSet(count + other.count, digest + other.digest);
    }

    /** As a partition's values keep it: {@code count:digest}. */
    public String text() {
        return count + ":" + Long.toHexString(digest);
    }

    public static FileSet parse(String text) {
        int colon = text.indexOf(':');
        return new FileSet(Long.parseLong(text.substring(0, colon)),
                Long.parseUnsignedLong(text.substring(colon + 1), 16));
    }

    @Override
    public String toString() {
        return count + " file(s)";
    }
}
