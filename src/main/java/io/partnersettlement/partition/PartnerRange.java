package io.partnersettlement.partition;

import java.util.ArrayList;
import java.util.List;

/**
 * A range of partner ids, {@code from} inclusive to {@code to} exclusive, either end open when {@code null}. The ranges
 * of one split cover every id exactly once, ids not known when it was made included, so no partner falls between two
 * partitions. Membership is decided here, in Java's order of strings, never by a database's collation (which may
 * order {@code P-1} and {@code P1} otherwise): the ids are sorted here too.
 */
public record PartnerRange(String from, String to) {

    /** Every partner. */
    public static final PartnerRange ALL = new PartnerRange(null, null);

    public boolean contains(String partnerId) {
        return (from == null || partnerId.compareTo(from) >= 0) && (to == null || partnerId.compareTo(to) < 0);
    }

    /**
     * Splits sorted partner ids into at most {@code ranges} ranges of about equal numbers of partners: the first open
     * below, the last open above.
     */
    public static List<PartnerRange> split(List<String> ids, int ranges) {
        List<String> sortedIds = ids.stream().distinct().sorted().toList();
        int n = Math.max(1, Math.min(ranges, sortedIds.size()));
        List<PartnerRange> split = new ArrayList<>(n);
        String from = null;
        for (int k = 1; k <= n; k++) {
            String to = k == n ? null : sortedIds.get((int) ((long) sortedIds.size() * k / n));
            split.add(new PartnerRange(from, to));
            from = to;
        }
        return split;
    }

    /** As the partition's execution context keeps it: {@code from|to}, an open end empty. */
    public String text() {
        return (from == null ? "" : from) + "\u0001" + (to == null ? "" : to);
    }

    public static PartnerRange parse(String text) {
        int at = text.indexOf('\u0001');
        String from = text.substring(0, at);
        String to = text.substring(at + 1);
        return new PartnerRange(from.isEmpty() ? null : from, to.isEmpty() ? null : to);
    }

    @Override
    public String toString() {
        return "partners " + (from == null ? "…" : from) + " to " + (to == null ? "…" : "before " + to);
    }
}
