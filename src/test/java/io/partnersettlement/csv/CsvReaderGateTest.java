package io.partnersettlement.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine reads CSV with its own reader (line by line, for speed and for rejects at their own line); Apache Commons
 * CSV in its RFC 4180 format is the yardstick it is held to. Over many generated lines — plain, empty and quoted fields,
 * commas, doubled quotes and line breaks inside quotes, stray quotes, text after a closing quote, quotes never closed —
 * both find the same records with the same fields at the same lines, and every line the engine calls malformed is one
 * the yardstick refuses too, or reads only by taking a stray quote as text.
 */
class CsvReaderGateTest {

    @TempDir
    Path dir;

    /** A generated record: its text, where it starts, and whether it holds a stray quote in an unquoted field. */
    private record Generated(String text, long line, boolean stray) {
    }

    private static String field(Random random, boolean allowStray, boolean[] stray) {
        String[] words = {"a", "abc", "C1", "1.00", "-0.50", "hws.service.type.ec2", "客户", "x y", " lead", "trail "};
        switch (random.nextInt(8)) {
            case 0:
                return "";
            case 1:
                return "\"" + words[random.nextInt(words.length)] + ",more\"";
            case 2:
                return "\"say \"\"" + words[random.nextInt(words.length)] + "\"\"\"";
            case 3:
                return "\"two\n" + words[random.nextInt(words.length)] + "\nlines\"";
            case 4:
                return "\"\"";
            case 5:
                if (allowStray) {
                    stray[0] = true;
                    return "ab\"c";
                }
                return "abc";
            default:
                return words[random.nextInt(words.length)];
        }
    }

    private static List<Generated> generate(Random random, int records, boolean allowStray) {
        List<Generated> out = new ArrayList<>();
        long line = 1;
        for (int r = 0; r < records; r++) {
            boolean[] stray = {false};
            int fields = 2 + random.nextInt(6);
            StringBuilder text = new StringBuilder();
            for (int f = 0; f < fields; f++) {
                text.append(f == 0 ? "" : ",").append(field(random, allowStray && random.nextInt(10) == 0, stray));
            }
            out.add(new Generated(text.toString(), line, stray[0]));
            line += text.chars().filter(c -> c == '\n').count() + 1;
        }
        return out;
    }

    private List<CsvLine> engine(String content) {
        try {
            Path file = Files.createTempFile(dir, "gate", ".csv");
            Files.writeString(file, content, StandardCharsets.UTF_8);
            List<CsvLine> lines = new ArrayList<>();
            try (CsvFileReader reader = CsvFileReader.open(file)) {
                CsvLine line;
                while ((line = reader.next()) != null) {
                    lines.add(line);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<CSVRecord> yardstick(String content) throws IOException {
        try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(content))) {
            return parser.getRecords();
        }
    }

    @Test
    void readsTheSameRecordsAsTheYardstickOverManyGeneratedLines() throws IOException {
        Random random = new Random(20261207);
        List<Generated> generated = generate(random, 20_000, true);
        StringBuilder content = new StringBuilder();
        generated.forEach(g -> content.append(g.text()).append('\n'));

        List<CsvLine> lines = engine(content.toString());
        List<CSVRecord> records = yardstick(content.toString());
        assertThat(lines).hasSameSizeAs(generated);
        assertThat(records).hasSameSizeAs(generated);
        int strays = 0;
        for (int i = 0; i < generated.size(); i++) {
            Generated g = generated.get(i);
            CsvLine line = lines.get(i);
            assertThat(line.lineNumber()).as("record %d", i).isEqualTo(g.line());
            assertThat(line.raw()).as("record %d", i).isEqualTo(g.text());
            if (g.stray()) {
                // the yardstick takes the stray quote as text; the engine refuses the line, and only that line
                strays++;
                assertThat(line.parsed()).as("record %d: %s", i, g.text()).isFalse();
                assertThat(line.error()).startsWith("quote inside unquoted field");
                assertThat(records.get(i).values()).anyMatch(v -> v.contains("ab\"c"));
            } else {
                assertThat(line.fields()).as("record %d: %s", i, g.text()).containsExactly(records.get(i).values());
            }
        }
        assertThat(strays).isGreaterThan(500);
    }

    @Test
    void refusesWhatTheYardstickRefusesAndReadsOnAtTheNextLine() throws IOException {
        Random random = new Random(7);
        String[] spoilers = {"\"abc\"x", "\"a\"\"b\"c", "\"two\nlines\"tail", "\"\"\"\"x", "\"open"};
        for (int i = 0; i < 3_000; i++) {
            List<Generated> around = generate(random, 2, false);
            String spoiler = spoilers[random.nextInt(spoilers.length)];
            String bad = around.get(0).text() + "," + spoiler;
            boolean refused;
            try {
                yardstick(bad + "\n");
                refused = false;
            } catch (IOException | UncheckedIOException | IllegalStateException e) {
                refused = true;
            }
            assertThat(refused).as("the yardstick refuses %s", bad).isTrue();
            // the bad record, then a good one: the engine refuses the bad record alone (a quote never closed: its
            // first line alone) and reads the good one whole; a good line holding quotes after a quote never closed is
            // what the quote closes on, for the engine as for any reader of RFC 4180
            String good = spoiler.equals("\"open") ? "g" + i + ",C1,1.00" : around.get(1).text();
            List<CsvLine> lines = engine(bad + "\n" + good + "\n");
            assertThat(lines.get(0).parsed()).as(bad).isFalse();
            assertThat(lines.get(0).lineNumber()).isEqualTo(1);
            CsvLine last = lines.get(lines.size() - 1);
            assertThat(last.fields()).as("after %s", bad).containsExactly(yardstick(good + "\n").get(0).values());
            assertThat(last.lineNumber()).isEqualTo(bad.chars().filter(c -> c == '\n').count() + 2);
        }
    }
}
