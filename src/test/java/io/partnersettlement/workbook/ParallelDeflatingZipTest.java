package io.partnersettlement.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelDeflatingZipTest {

    @TempDir
    Path dir;

    /**
     * Blocks deflated apart, each with the 32 KiB before it as dictionary, joined in order, inflate to the input: text
     * that repeats across block boundaries, random bytes that do not compress, and a last block of one byte.
     */
    @Test
    void blocksDeflatedApartJoinIntoOneStream() throws Exception {
        int block = ParallelDeflatingZip.BLOCK;
        byte[] input = new byte[3 * block + 1];
        byte[] row = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>D-202609-P1</t></is></c></row>\n"
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 2 * block; i++) {
            input[i] = row[i % row.length];
        }
        byte[] noise = new byte[block + 1];
        new Random(7).nextBytes(noise);
        System.arraycopy(noise, 0, input, 2 * block, noise.length);

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int from = 0; from < input.length; from += block) {
            int length = Math.min(block, input.length - from);
            byte[] dictionary = from == 0 ? null : java.util.Arrays.copyOfRange(input, from - 32 * 1024, from);
            byte[] part = java.util.Arrays.copyOfRange(input, from, from + length);
            joined.write(ParallelDeflatingZip.deflate(part, length, dictionary, from + length == input.length,
                    Deflater.BEST_SPEED));
        }
        Inflater inflater = new Inflater(true);
        inflater.setInput(joined.toByteArray());
        byte[] output = new byte[input.length];
        int n = 0;
        while (!inflater.finished()) {
            n += inflater.inflate(output, n, output.length - n);
        }
        inflater.end();
        assertThat(n).isEqualTo(input.length);
        assertThat(output).isEqualTo(input);
        // the repeated rows compress as well as in one stream would, give or take the blocks' joints
        assertThat(joined.size()).isLessThan(block + block / 50 + 2 * block / 100);
    }

    /**
     * A workbook whose sheet spans many blocks: every zip reader's check (the entry's CRC and sizes, through
     * {@link ZipFile}) passes, and POI reads back every row written.
     */
    @Test
    void aWorkbookWithASheetOfManyBlocksReadsBack() throws Exception {
        Path target = dir.resolve("big.xlsx");
        int rows = 40_000;
        try (WorkbookFile book = WorkbookFile.create()) {
            TableWriter table = book.table("Details", List.of(Column.text("detail_id"), Column.text("partner_id"),
                    Column.amount("amount").currencyFrom("currency"), Column.text("currency"), Column.count("records")));
            for (int i = 0; i < rows; i++) {
                table.row("D-202609-P" + (i % 7) + "-" + Integer.toHexString(0x10000000 + i * 7919), "P" + (i % 7),
                        BigDecimal.valueOf(i * 37L - 5_000, 2), i % 3 == 0 ? "USD" : "CNY", (long) i);
            }
            table.totals("total");
            book.save(target);
        }
        try (ZipFile zip = new ZipFile(target.toFile())) {
            ZipEntry sheet = zip.getEntry("xl/worksheets/sheet1.xml");
            assertThat(sheet.getMethod()).isEqualTo(ZipEntry.DEFLATED);
            assertThat(sheet.getSize()).isGreaterThan(3L * ParallelDeflatingZip.BLOCK);
            long read = 0;
            try (InputStream in = zip.getInputStream(sheet)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0;) {
                    read += n;
                }
            }
            assertThat(read).isEqualTo(sheet.getSize());
        }
        try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(target))) {
            var sheet = book.getSheet("Details");
            // header, the rows, a total per currency (CNY, USD)
            assertThat(sheet.getLastRowNum()).isEqualTo(rows + 2);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("D-202609-P0-10000000");
            // row 12,346 is i = 12,345: 12,345 × 37 − 5,000 = 451,765 hundredths
            assertThat(sheet.getRow(12_346).getCell(2).getNumericCellValue()).isEqualTo(4517.65);
            assertThat(sheet.getRow(rows).getCell(4).getNumericCellValue()).isEqualTo(rows - 1);
        }
    }
}
