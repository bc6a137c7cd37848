package io.partnersettlement.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileReaderTest {

    @TempDir
    Path dir;

    @Test
    void splitsQuotedFieldsWithCommasQuotesAndLineBreaks() throws Exception {
        assertThat(CsvSplitter.split("a,\"b,c\",\"say \"\"hi\"\"\",,\"x\ny\""))
                .containsExactly("a", "b,c", "say \"hi\"", "", "x\ny");
        assertThat(CsvSplitter.split("")).containsExactly("");
        assertThat(CsvSplitter.split("a,")).containsExactly("a", "");
    }

    @Test
    void aStrayQuoteIsAnError() {
        assertThatThrownBy(() -> CsvSplitter.split("a,b\"c")).hasMessageContaining("quote inside unquoted field 2");
        assertThatThrownBy(() -> CsvSplitter.split("a,\"b\"c")).hasMessageContaining("text after the closing quote");
    }

    @Test
    void readsBomCrlfAndMultiLineRecordsWithTheirLineNumbers() throws Exception {
        Path file = dir.resolve("x.csv");
        Files.write(file, ("\uFEFFh1,h2\r\n1,\"two\r\nlines\"\r\n\r\n3,4\r\n").getBytes(StandardCharsets.UTF_8));
        List<CsvLine> lines = readAll(file);
        assertThat(lines).extracting(CsvLine::lineNumber).containsExactly(1L, 2L, 5L);
        assertThat(lines.get(0).fields()).containsExactly("h1", "h2");
        assertThat(lines.get(1).fields()).containsExactly("1", "two\nlines");
        assertThat(lines.get(2).fields()).containsExactly("3", "4");
    }

    @Test
    void anUnterminatedQuoteSpoilsOnlyItsOwnLine() throws Exception {
        Path file = dir.resolve("x.csv");
        Files.writeString(file, "h1,h2\n1,\"open\n2,b\n3,c\n");
        List<CsvLine> lines = readAll(file);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1).parsed()).isFalse();
        assertThat(lines.get(1).lineNumber()).isEqualTo(2);
        assertThat(lines.get(2).fields()).containsExactly("2", "b");
        assertThat(lines.get(3).lineNumber()).isEqualTo(4);
    }

    @Test
    void readsGzipAndResumesAtALine() throws Exception {
        Path file = dir.resolve("x.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("h\n1\n2\n3\n".getBytes(StandardCharsets.UTF_8));
        }
        try (CsvFileReader reader = CsvFileReader.open(file)) {
            reader.skipTo(3);
            assertThat(reader.next().fields()).containsExactly("2");
        }
    }

    @Test
    void invalidUtf8IsReportedWithItsLine() throws Exception {
        Path file = dir.resolve("gbk.csv");
        Files.write(file, "h\nok\n".getBytes(StandardCharsets.UTF_8));
        Files.write(file, "客户\n".getBytes("GBK"), java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> readAll(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("gbk.csv line 3: not valid UTF-8");
    }

    private static List<CsvLine> readAll(Path file) throws IOException {
        List<CsvLine> lines = new ArrayList<>();
        try (CsvFileReader reader = CsvFileReader.open(file)) {
            CsvLine line;
            while ((line = reader.next()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }
}
