package io.partnersettlement.performance;

/**
 * How the nightly run refreshes a period, decided when it plans its partitions and kept with them, so that a restart
 * refreshes as planned: rebuilt whole, or the night's files added to aggregates that are a full rebuild over
 * {@code earlierFiles} with classification inputs of digest {@code classifierDigest} (the period's refresh state).
 */
public record RefreshMode(boolean incremental, long classifierDigest, FileSet earlierFiles, String why) {

    /** The key of a partition's values that holds it. */
    public static final String KEY = "refresh";

    static RefreshMode full(String why) {
        return new RefreshMode(false, 0, FileSet.NONE, why);
    }

    static RefreshMode incremental(long classifierDigest, FileSet earlierFiles) {
        return new RefreshMode(true, classifierDigest, earlierFiles, null);
    }

    /** As the partition's values keep it: {@code incremental <digest> <files>} or {@code full <why>}. */
    public String text() {
        return incremental ? "incremental " + Long.toHexString(classifierDigest) + " " + earlierFiles.text()
                : "full " + why;
    }

    /** A plan made before refreshes could be incremental has none: it rebuilds whole. */
    public static RefreshMode parse(String text) {
        if (text == null) {
            return full("planned so");
        }
        if (text.startsWith("incremental ")) {
            String[] parts = text.split(" ");
            return incremental(Long.parseUnsignedLong(parts[1], 16), FileSet.parse(parts[2]));
        }
        return full(text.substring(text.indexOf(' ') + 1));
    }

    @Override
    public String toString() {
        return incremental ? "incremental over " + earlierFiles + " of earlier nights" : "full (" + why + ")";
    }
}
