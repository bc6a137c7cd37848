package io.partnersettlement.sampledata;

import java.util.List;

/** RFC 4180 writing: a field is quoted only when it holds a comma, a quote or a line break. */
final class CsvText {

    private CsvText() {
    }

    static String field(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + value.replace("\"", "\"\"") + '"';
            }
        }
        return value;
    }

    static String line(List<String> fields) {
        StringBuilder b = new StringBuilder(256);
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(fields.get(i)));
        }
        return b.toString();
    }
}
