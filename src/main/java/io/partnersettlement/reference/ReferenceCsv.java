package io.partnersettlement.reference;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.partnersettlement.csv.CsvFileReader;
import io.partnersettlement.csv.CsvLine;

/** Reads one reference file, row by row, collecting every problem with its file and line. */
final class ReferenceCsv {

    private final String name;
    private final List<String> problems;
    private final Map<String, Integer> maxLengths;

    ReferenceCsv(String name, List<String> problems) {
        this(name, problems, Map.of());
    }

    /** @param maxLengths the characters the ledger keeps of each text column (its VARCHAR size) */
    ReferenceCsv(String name, List<String> problems, Map<String, Integer> maxLengths) {
        this.name = name;
        this.problems = problems;
        this.maxLengths = maxLengths;
    }

    /** A data row; its getters record a problem and return {@code null} for a value that does not parse. */
    final class Row {
        private final long line;
        private final String[] fields;
        private final Map<String, Integer> columns;
        private boolean bad;
        private final Set<String> checked = new HashSet<>();

        Row(long line, String[] fields, Map<String, Integer> columns) {
            this.line = line;
            this.fields = fields;
            this.columns = columns;
        }

        long line() { return line; }

        boolean bad() { return bad; }

        String text(String column) {
            Integer i = columns.get(column);
            if (i == null) {
                return null;
            }
            String v = fields[i].strip();
            if (v.isEmpty()) {
                return null;
            }
            if (checked.add(column)) {
                Integer max = maxLengths.get(column);
                if (max != null && v.length() > max) {
                    problem(column + " is longer than the " + max + " characters the ledger keeps");
                }
                for (int c = 0; c < v.length(); c++) {
                    char ch = v.charAt(c);
                    if (ch < 0x20 ? ch != '\t' && ch != '\r' && ch != '\n' : ch >= 0x7F && ch <= 0x9F) {
                        problem(column + String.format(" holds the control character U+%04X", (int) ch));
                        break;
                    }
                }
            }
            return v;
        }

        String required(String column) {
            String v = text(column);
            if (v == null) {
                problem(column + " is empty");
            }
            return v;
        }

        LocalDate date(String column, boolean required) {
            String v = required ? required(column) : text(column);
            if (v == null) {
                return null;
            }
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                problem(column + " '" + v + "' is not a date (YYYY-MM-DD)");
                return null;
            }
        }

        String period(String column) {
            String v = required(column);
            if (v != null && !v.matches("\\d{4}-(0[1-9]|1[0-2])")) {
                problem(column + " '" + v + "' is not a period (YYYY-MM)");
                return null;
            }
            return v;
        }

        /**
         * The first period a row holds for: {@code effective_from} as a period (YYYY-MM) or the first day of one
         * (terms change between periods, never inside one); no column or an empty cell means every period.
         */
        String effectiveFrom() {
            String v = text("effective_from");
            if (v == null) {
                return ReferenceModel.ALWAYS;
            }
            if (v.matches("\\d{4}-(0[1-9]|1[0-2])(-01)?")) {
                return v.substring(0, 7);
            }
            problem("effective_from '" + v + "' is not a period (YYYY-MM) or the first day of one (YYYY-MM-01)");
            return null;
        }

        BigDecimal decimal(String column) {
            String v = required(column);
            if (v == null) {
                return null;
            }
            if (!v.matches("[+-]?\\d+(\\.\\d+)?")) {
                problem(column + " '" + v + "' is not a plain decimal number");
                return null;
            }
            return new BigDecimal(v);
        }

        /**
         * A decimal that the ledger's {@code DECIMAL(precision, scale)} column keeps exactly: more fractional digits
         * would be rounded away without a word, more integer digits refused by the database.
         */
        BigDecimal decimal(String column, int precision, int scale) {
            BigDecimal d = decimal(column);
            if (d == null) {
                return null;
            }
            BigDecimal exact = d.scale() > 0 ? d.stripTrailingZeros() : d;
            if (exact.scale() > scale) {
                problem(column + " '" + text(column) + "' has more than " + scale
                        + " fractional digits, the most the ledger keeps");
                return null;
            }
            if (exact.precision() - exact.scale() > precision - scale) {
                problem(column + " '" + text(column) + "' has more than " + (precision - scale)
                        + " integer digits, the most the ledger keeps");
                return null;
            }
            return d;
        }

        <E extends Enum<E>> E choice(String column, Class<E> type) {
            String v = required(column);
            if (v == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problem(column + " '" + v + "' is not one of " + Arrays.toString(type.getEnumConstants()));
                return null;
            }
        }

        void problem(String reason) {
            bad = true;
            problems.add(name + " line " + line + ": " + reason);
        }
    }

    /** Reads {@code file}; a missing optional file reads as empty. */
    void read(Path file, boolean required, List<String> requiredColumns, Consumer<Row> rows) {
        if (!Files.exists(file)) {
            if (required) {
                problems.add(name + ": file is missing");
            }
            return;
        }
        try (CsvFileReader reader = CsvFileReader.open(file)) {
            CsvLine header = reader.next();
            if (header == null) {
                problems.add(name + " line 1: the file is empty (a header row is required)");
                return;
            }
            if (!header.parsed()) {
                problems.add(name + " line 1: " + header.error());
                return;
            }
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.fields().length; i++) {
                columns.put(header.fields()[i].strip().toLowerCase(Locale.ROOT), i);
            }
            List<String> missing = new ArrayList<>();
            for (String c : requiredColumns) {
                if (!columns.containsKey(c)) {
                    missing.add(c);
                }
            }
            if (!missing.isEmpty()) {
                problems.add(name + " line 1: missing column(s) " + String.join(", ", missing));
                return;
            }
            CsvLine line;
            while ((line = reader.next()) != null) {
                if (!line.parsed()) {
                    problems.add(name + " line " + line.lineNumber() + ": " + line.error());
                } else if (line.fields().length != header.fields().length) {
                    problems.add(name + " line " + line.lineNumber() + ": " + line.fields().length + " fields, the header has "
                            + header.fields().length);
                } else {
                    rows.accept(new Row(line.lineNumber(), line.fields(), columns));
                }
            }
        } catch (IOException e) {
            // the reader names the file and line ("partners.csv line 3: ..."): said once, as every other problem is
            String message = String.valueOf(e.getMessage());
            String own = file.getFileName() + " line ";
            problems.add(message.startsWith(own) ? name + message.substring(file.getFileName().toString().length())
                    : name + ": " + message);
        }
    }
}
