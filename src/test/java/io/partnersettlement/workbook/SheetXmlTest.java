package io.partnersettlement.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

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
}
