package io.partnersettlement.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the numbers back from a list as a partner fills it in: bilingual labels, numbers typed as numbers. */
class FilledInvoiceListTest {

    @TempDir
    Path dir;

    /** A list with bilingual labels and a table moved one column to the right, as a partner's copy may be. */
    Path list(Object incentiveNumber) throws IOException {
        Path file = dir.resolve("list.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = book.createSheet("Invoice List");
            Row id = sheet.createRow(0);
            id.createCell(0).setCellValue("申付单号 Application id");
            id.createCell(1).setCellValue("PA-202609-P1");
            Row header = sheet.createRow(3);
            header.createCell(1).setCellValue("项目 Item");
            header.createCell(2).setCellValue("发票号码 Invoice number");
            Row line = sheet.createRow(4);
            line.createCell(1).setCellValue("INCENTIVE");
            if (incentiveNumber instanceof Double d) {
                line.createCell(2).setCellValue(d);
            } else {
                line.createCell(2).setCellValue((String) incentiveNumber);
            }
            Row total = sheet.createRow(5);
            total.createCell(1).setCellValue("total");
            total.createCell(2).setCellValue("99999999");
            book.write(out);
        }
        return file;
    }

    @Test
    void labelsAreReadWithTheirChinesePartSetAside() throws IOException {
        FilledInvoiceList.Contents contents = FilledInvoiceList.read(list(" 04512377 "));
        assertThat(contents.applicationId()).isEqualTo("PA-202609-P1");
        // the total row ends the table
        assertThat(contents.entries()).containsExactly(
                new FilledInvoiceList.Entry("INCENTIVE", "04512377", "list.xlsx row 5 (INCENTIVE)"));
    }

    @Test
    void aNumberTypedAsANumberIsKeptWhileItsDigitsAreExact() throws IOException {
        assertThat(FilledInvoiceList.read(list(45123770.0)).entries().get(0).number()).isEqualTo("45123770");
        // 20 digits do not survive a number cell (15 significant digits): refused rather than registered wrong
        assertThatThrownBy(() -> FilledInvoiceList.read(list(12345678901234567890.0)))
                .hasMessageStartingWith("list.xlsx row 5 (INCENTIVE): the invoice number was typed as a number and lost "
                        + "its last digits");
    }

    @Test
    void aFileThatIsNoInvoiceListIsNamed() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.xlsx"), "not a workbook");
        assertThatThrownBy(() -> FilledInvoiceList.read(text)).hasMessageStartingWith("notes.xlsx: not a readable .xlsx workbook");
        assertThatThrownBy(() -> FilledInvoiceList.read(dir.resolve("missing.xlsx"))).hasMessageEndingWith(
                "missing.xlsx: no such file");
    }
}
