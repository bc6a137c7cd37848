package io.partnersettlement.csv;

/**
 * One logical CSV line: where it starts in the file, its text as it stands there, and its fields,
 * or why it does not parse.
 *
 * @param lineNumber physical line number of its first line (the header is line 1)
 * @param raw        the text of the line (several physical lines when a quoted field holds line breaks)
 * @param fields     the fields, or {@code null} when the line does not parse
 * @param error      why the line does not parse, or {@code null}
 */
public record CsvLine(long lineNumber, String raw, String[] fields, String error) {

    public boolean parsed() {
        return fields != null;
    }
}
