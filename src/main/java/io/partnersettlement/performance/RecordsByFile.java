package io.partnersettlement.performance;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** A period's records per file, as an execution context keeps them: {@code "file:records file:records"}. */
public final class RecordsByFile {

    private RecordsByFile() {
    }

    public static String format(Map<Long, Long> records) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(records).forEach((file, count) -> text.append(text.isEmpty() ? "" : " ").append(file)
                .append(':').append(count));
        return text.toString();
    }

    public static Map<Long, Long> parse(String text) {
        Map<Long, Long> records = new HashMap<>();
        for (String pair : text.isBlank() ? new String[0] : text.split(" ")) {
            int colon = pair.indexOf(':');
            records.put(Long.parseLong(pair.substring(0, colon)), Long.parseLong(pair.substring(colon + 1)));
        }
        return records;
    }
}
