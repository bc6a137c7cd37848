package io.partnersettlement.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Reads a workbook back as a reader sees it: tables keyed by their headers, label/value sheets as a map. */
public final class Sheets {

    private Sheets() {
    }

    /** A table sheet's data rows, each keyed by its header as SPEC 9 names it (lower case, underscores, no Chinese). */
    public static List<Map<String, Object>> table(Path file, String sheetName) {
        try (XSSFWorkbook book = open(file)) {
            Sheet sheet = book.getSheet(sheetName);
            List<String> headers = new ArrayList<>();
            sheet.getRow(0).forEach(cell -> headers.add(name(cell.getStringCellValue())));
            // a document keeps its column keys in a hidden first row, its labels for people in the next
            int firstData = sheet.getRow(0).getZeroHeight() ? 2 : 1;
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int r = firstData; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                Map<String, Object> values = new LinkedHashMap<>();
                for (int c = 0; c < headers.size(); c++) {
                    values.put(headers.get(c), value(row.getCell(c)));
                }
                rows.add(values);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A label/value sheet: column A's labels to column B's values, rows with both. */
    public static Map<String, Object> labels(Path file, String sheetName) {
        try (XSSFWorkbook book = open(file)) {
            Sheet sheet = book.getSheet(sheetName);
            Map<String, Object> values = new LinkedHashMap<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null || row.getCell(0) == null || row.getCell(1) == null
                        || row.getCell(0).getCellType() != org.apache.poi.ss.usermodel.CellType.STRING) {
                    continue;
                }
                values.put(name(row.getCell(0).getStringCellValue()), value(row.getCell(1)));
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The amount next to an invoice list's total label. */
    public static java.math.BigDecimal invoiceListTotal(Path invoiceList) {
        try (XSSFWorkbook book = open(invoiceList)) {
            for (Row row : book.getSheet("Invoice List")) {
                Cell label = row.getCell(0);
                if (label != null && label.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                        && name(label.getStringCellValue()).equals("total")) {
                    return java.math.BigDecimal.valueOf(row.getCell(1).getNumericCellValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no total row in " + invoiceList);
    }

    public static String name(String header) {
        return header.replaceAll("[\\p{IsHan}（）()]", "").strip().toLowerCase(Locale.ROOT).replace(' ', '_');
    }

    private static XSSFWorkbook open(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }

    private static Object value(Cell cell) {
        if (cell == null) {
            return null;
        }
        return switch (cell.getCellType()) {
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> cell.getBooleanCellValue();
            case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? cell.getLocalDateTimeCellValue().toLocalDate()
                    : (Object) java.math.BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
            case BLANK -> null;
            default -> cell.toString();
        };
    }
}
