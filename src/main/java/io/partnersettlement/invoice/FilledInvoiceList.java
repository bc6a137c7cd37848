package io.partnersettlement.invoice;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import io.partnersettlement.fault.EngineException;
import io.partnersettlement.workbook.DocumentLabels;

/**
 * An invoice list as the partner returns it (核对并填写发票号码后打印): the application it belongs to and, per line, the
 * invoice number written into the invoice_number column. Labels are found by name (Chinese parts set aside), so a
 * list whose columns were widened, whose rows were reformatted or which was saved again by Excel or LibreOffice reads
 * the same.
 */
final class FilledInvoiceList {

    /** Digits a spreadsheet keeps exactly in a number cell; a longer number typed as a number has lost digits. */
    private static final int EXACT_DIGITS = 15;

    private FilledInvoiceList() {
    }

    /** The number written on one line of the list, and where it was read. */
    record Entry(String item, String number, String where) {
    }

    record Contents(String applicationId, List<Entry> entries) {
    }

    static Contents read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new EngineException(file + ": no such file");
        }
        String name = file.getFileName().toString();
        try (Workbook book = WorkbookFactory.create(file.toFile(), null, true)) {
            Sheet sheet = book.getSheet("Invoice List");
            if (sheet == null) {
                throw new EngineException(name + ": no sheet 'Invoice List' (is it an invoice list?)");
            }
            String applicationId = null;
            int itemColumn = -1;
            int numberColumn = -1;
            List<Entry> entries = new ArrayList<>();
            for (Row row : sheet) {
                String where = name + " row " + (row.getRowNum() + 1);
                if (itemColumn < 0) {
                    String label = normalized(text(row.getCell(0), where));
                    if (label.equals("application_id")) {
                        applicationId = text(row.getCell(1), where).strip();
                    }
                    for (Cell cell : row) {
                        String header = normalized(text(cell, where));
                        if (header.equals("item")) {
                            itemColumn = cell.getColumnIndex();
                        } else if (header.equals("invoice_number")) {
                            numberColumn = cell.getColumnIndex();
                        }
                    }
                    if (itemColumn >= 0 && numberColumn < 0) {
                        throw new EngineException(where + ": the table has no invoice_number column");
                    }
                    continue;
                }
                String item = text(row.getCell(itemColumn), where).strip();
                if (item.isEmpty()) {
                    continue;
                }
                if (normalized(item).equals("total")) {
                    break;
                }
                if (normalized(item).equals("item")) {
                    // the header for people below the hidden row of column keys
                    continue;
                }
                entries.add(new Entry(item, number(row.getCell(numberColumn), where + " (" + item + ")"),
                        where + " (" + item + ")"));
            }
            if (applicationId == null || applicationId.isEmpty()) {
                throw new EngineException(name + ": no application_id in the header (is it an invoice list?)");
            }
            if (itemColumn < 0) {
                throw new EngineException(name + ": no table with an item column (is it an invoice list?)");
            }
            return new Contents(applicationId, entries);
        } catch (IOException | RuntimeException e) {
            if (e instanceof EngineException engine) {
                throw engine;
            }
            throw new EngineException(name + ": not a readable .xlsx workbook (" + e.getMessage() + ")");
        }
    }

    /** A label as its key (SPEC section 9): "发票号码 Invoice number" reads invoice_number. */
    static String normalized(String label) {
        return DocumentLabels.key(label);
    }

    private static String text(Cell cell, String where) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            default -> "";
        };
    }

    /** The invoice number of a cell: text as written; a whole number only while a spreadsheet keeps it exactly. */
    private static String number(Cell cell, String where) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC) {
            BigDecimal value = BigDecimal.valueOf(cell.getNumericCellValue());
            if (value.signum() < 0 || value.stripTrailingZeros().scale() > 0) {
                throw new EngineException(where + ": invoice number " + value.toPlainString() + " is not a whole number");
            }
            String digits = value.toBigInteger().toString();
            if (digits.length() > EXACT_DIGITS) {
                throw new EngineException(where + ": the invoice number was typed as a number and lost its last digits ("
                        + digits + "); enter it as text");
            }
            return digits;
        }
        return text(cell, where).strip();
    }
}
