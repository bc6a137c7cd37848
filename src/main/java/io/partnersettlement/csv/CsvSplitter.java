package io.partnersettlement.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one logical line of RFC 4180 CSV into fields, strictly: a stray quote is an error, not a guess.
 *
 * <p>Parsing line by line (rather than streaming the whole file through a lenient parser) is what lets a
 * rejected line be reported with its exact text and line number, and keeps an unterminated quote from
 * swallowing the rest of the file.
 */
public final class CsvSplitter {

    private CsvSplitter() {
    }

    /** Thrown for a line that is not valid CSV. */
    public static final class MalformedLineException extends Exception {
        MalformedLineException(String message) {
            super(message, null, false, false);
        }
    }

    public static String[] split(String line) throws MalformedLineException {
        List<String> fields = new ArrayList<>(32);
        int n = line.length();
        int i = 0;
        while (true) {
            if (i < n && line.charAt(i) == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new MalformedLineException("unterminated quoted field (field " + (fields.size() + 1) + ")");
                    }
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            value.append('"');
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        value.append(c);
                        i++;
                    }
                }
                fields.add(value.toString());
                if (i == n) {
                    break;
                }
                if (line.charAt(i) != ',') {
                    throw new MalformedLineException("text after the closing quote of field " + fields.size());
                }
                i++;
            } else {
                int end = line.indexOf(',', i);
                int stop = end < 0 ? n : end;
                for (int k = i; k < stop; k++) {
                    if (line.charAt(k) == '"') {
                        throw new MalformedLineException("quote inside unquoted field " + (fields.size() + 1));
                    }
                }
                fields.add(line.substring(i, stop));
                if (end < 0) {
                    break;
                }
                i = end + 1;
            }
        }
        return fields.toArray(new String[0]);
    }

    /**
     * True when the text ends inside a quoted field, so the logical line continues on the next line. As in RFC 4180, a
     * quote opens a quoted field only at the start of a field: a stray quote inside an unquoted field opens nothing (the
     * line is then malformed on its own, and the next line is a line of its own).
     */
    static boolean quoteOpen(CharSequence text) {
        if (text instanceof String s && s.indexOf('"') < 0) {
            return false;
        }
        boolean fieldStart = true;
        boolean quoted = false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        quoted = false;
                    }
                }
            } else if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else {
                fieldStart = c == ',';
            }
        }
        return quoted;
    }

    /** Quotes a value for writing when it needs it. */
    public static String quote(String value) {
        if (value == null) {
            return "";
        }
        boolean needs = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                needs = true;
                break;
            }
        }
        return needs ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
