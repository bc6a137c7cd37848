package io.partnersettlement.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.junit.jupiter.api.Test;

class SheetXmlTest {

    /** POI's own escaping, through its own kind of writer. */
    private static final class PoiSheetData extends SheetDataWriter {
        PoiSheetData(Writer out) throws IOException {
            super(out);
        }

        void text(String s) throws IOException {
            outputEscapedString(s);
        }
    }

    private static final String[] TEXTS = {
            "", "plain ascii", "<a href=\"x\">&amp;</a>", "tab\tcr\rlf\n", "nbsp\u00A0é ü ß", "控股集团有限公司",
            "control \u0001\u001F chars", "non-characters \uFFFE \uFFFF", "emoji \uD83D\uDE00 pair", "lone high \uD83D end",
            "lone low \uDE00 end", "high at the end \uD83D", "\uDE00 low first", "=SUM(A1)", "x".repeat(70_000)};

    @Test
    void cellTextIsWrittenByteForByteAsPoiWritesIt() throws IOException {
        ByteArrayOutputStream poiBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream ourBytes = new ByteArrayOutputStream();
        Writer poiOut = new OutputStreamWriter(poiBytes, StandardCharsets.UTF_8);
        PoiSheetData poi = new PoiSheetData(poiOut);
        Writer ours = new SheetXml.Utf8Writer(ourBytes);
        for (String text : TEXTS) {
            poi.text(text);
            poiOut.write("</t>");
            SheetXml.escape(text, ours);
            ours.write("</t>");
        }
        poiOut.close();
        ours.close();

        assertThat(ourBytes.toByteArray()).isEqualTo(poiBytes.toByteArray());
    }

    /**
     * Whole rows: text (with entities, surrounding spaces, empty), numbers, booleans, blanks and formulas, styled and
     * unstyled, in columns up to BZ and beyond the cached column letters, row numbers past 9,999.
     */
    @Test
    void rowsAreWrittenByteForByteAsPoiWritesThem() throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(1_000)) {
            SXSSFSheet sheet = workbook.createSheet("s");
            CellStyle styled = workbook.createCellStyle();
            styled.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
            List<SXSSFRow> rows = new ArrayList<>();
            for (int r : new int[] {0, 1, 2, 9_999, 123_456}) {
                SXSSFRow row = sheet.createRow(r);
                row.createCell(0).setCellValue("D-202609-P1-" + r);
                row.createCell(1).setCellValue(" leading and trailing ");
                row.createCell(2).setCellValue("<&\">\t" + TEXTS[r % TEXTS.length]);
                row.createCell(3).setCellValue("");
                row.createCell(4).setCellValue(1234.5 * r - 0.01);
                row.createCell(5).setCellValue(r % 2 == 0);
                row.createCell(6).setCellFormula("A1&B1");
                row.createCell(7); // blank
                Cell amount = row.createCell(9);
                amount.setCellValue(-0.1 * r);
                amount.setCellStyle(styled);
                row.createCell(77).setCellValue("column BZ");
                row.createCell(300).setCellValue(1e-9);
                rows.add(row);
            }
            var poi = new SheetDataWriter() {
                java.io.File file() {
                    return getTempFile();
                }
            };
            var ours = (SheetXml.Plain) SheetXml.writer(false);
            try {
                for (SXSSFRow row : rows) {
                    poi.writeRow(row.getRowNum(), row);
                    ours.writeRow(row.getRowNum(), row);
                }
                poi.close();
                ours.close();
                try (var poiXml = poi.getWorksheetXMLInputStream(); var ourXml = ours.getWorksheetXMLInputStream()) {
                    byte[] expected = poiXml.readAllBytes();
                    assertThat(new String(expected, StandardCharsets.UTF_8)).contains("r=\"KO123457\"", "inlineStr",
                            "<f>A1&amp;B1</f>", "xml:space=\"preserve\"");
                    assertThat(ourXml.readAllBytes()).isEqualTo(expected);
                }
            } finally {
                poi.file().delete();
                ours.file().delete();
            }
        }
    }
}
