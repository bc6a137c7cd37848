package io.partnersettlement.workbook;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.Deflater;

import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.XSSFSheet;

import io.partnersettlement.fault.CrashPoints;
import io.partnersettlement.fault.StorageFailure;

/**
 * One workbook being written: sheets stream to temporary files as rows are added (about
 * {@value #ROW_WINDOW} rows per sheet stay in memory, whatever the row count), and {@link #save(Path)} publishes
 * the finished file atomically — a crash never leaves a half-written workbook at the target path.
 *
 * <pre>{@code
 * try (WorkbookFile workbook = WorkbookFile.create()) {
 *     TableWriter summary = workbook.table("Summary", List.of(
 *             Column.text("partner_id"), Column.text("currency"),
 *             Column.amount("performance").currencyFrom("currency"), Column.count("record_count")));
 *     summary.row("P001", "CNY", new BigDecimal("1234.56"), 12L);
 *     summary.totals("total");
 *     workbook.save(outDir.resolve("performance-2026-09.xlsx"));
 * }
 * }</pre>
 *
 * Not thread-safe: one thread writes one workbook.
 */
public final class WorkbookFile implements AutoCloseable {

    /** Rows of one sheet, header included, in the xlsx format (1,048,576). */
    public static final int MAX_ROWS_PER_SHEET = SpreadsheetVersion.EXCEL2007.getMaxRows();
    /** Rows per sheet kept in memory before they are flushed to the sheet's temporary file. */
    public static final int ROW_WINDOW = 200;
    /** Free space below which temporary sheet files are compressed. */
    static final int TEMPORARY_SPACE_WANTED_GIB = 8;

    private final SXSSFWorkbook workbook;
    private final CellWriter cells;
    private final int maxRowsPerSheet;
    private final List<TableWriter> tables = new ArrayList<>();
    private final List<LabelValueWriter> labelBlocks = new ArrayList<>();
    private final boolean forPeople;
    private boolean closed;

    private WorkbookFile(int maxRowsPerSheet, boolean forPeople) {
        this.forPeople = forPeople;
        if (maxRowsPerSheet < 2 || maxRowsPerSheet > MAX_ROWS_PER_SHEET) {
            throw new IllegalArgumentException("rows per sheet must be within 2.." + MAX_ROWS_PER_SHEET);
        }
        this.maxRowsPerSheet = maxRowsPerSheet;
        // POI's temporary sheet files into the process's folder, which the next process deletes if this one is killed
        WorkbookTemporaryFiles.folder();
        // a million-row sheet's temporary file takes about 800 MB uncompressed and a third of the time to write
        // compressed: compressed only where the temporary folder is short of space. The workbook itself is zipped at
        // the fastest level: about a quarter larger than the default level, written twice as fast; its worksheets are
        // deflated on every processor.
        this.workbook = new SXSSFWorkbook(null, ROW_WINDOW, temporarySpaceIsShort(), false) {
            @Override
            protected ZipArchiveOutputStream createArchiveOutputStream(
                    OutputStream out) {
                return new ParallelDeflatingZip(out, Deflater.BEST_SPEED);
            }

            @Override
            protected SheetDataWriter createSheetDataWriter() throws IOException {
                return SheetXml.writer(isCompressTempFiles());
            }
        };
        this.cells = new CellWriter(new CellStyles(workbook));
    }

    /** Less than {@value #TEMPORARY_SPACE_WANTED_GIB} GiB free in the folder POI writes its temporary sheet files to. */
    static boolean temporarySpaceIsShort() {
        try {
            return Files.getFileStore(Path.of(System.getProperty("java.io.tmpdir"))).getUsableSpace()
                    < (long) TEMPORARY_SPACE_WANTED_GIB << 30;
        } catch (IOException e) {
            return true;
        }
    }

    /** A workbook whose sheets hold as many rows as the xlsx format allows. */
    public static WorkbookFile create() {
        return new WorkbookFile(MAX_ROWS_PER_SHEET, false);
    }

    /** A workbook whose sheets hold at most {@code maxRowsPerSheet} rows (header included) before continuing. */
    public static WorkbookFile create(int maxRowsPerSheet) {
        return new WorkbookFile(maxRowsPerSheet, false);
    }

    /**
     * A document for people (a statement, an invoice list): column headers and labels given as keys show as their
     * {@link DocumentLabels document labels}, and the keys stay in the workbook for programs — in a hidden row above
     * each table's header, and on a hidden sheet {@code <sheet> data} beside each label/value sheet (key in column A,
     * value in column B).
     */
    public static WorkbookFile createDocument() {
        return new WorkbookFile(MAX_ROWS_PER_SHEET, true);
    }

    /** A new sheet named {@code sheetName} holding a table of {@code columns}, header in the first row. */
    public TableWriter table(String sheetName, List<Column> columns) {
        TableWriter table = new TableWriter(this, newSheet(sheetName), 0, columns, new int[0], forPeople);
        tables.add(table);
        return table;
    }

    /** A new sheet named {@code sheetName} holding a table of {@code columns}, header in the first row. */
    public TableWriter table(String sheetName, Column... columns) {
        return table(sheetName, Arrays.asList(columns));
    }

    /** A new sheet named {@code sheetName} of labels in column A and their values in column B. */
    public LabelValueWriter labelValues(String sheetName) {
        LabelValueWriter block = new LabelValueWriter(this, newSheet(sheetName), forPeople);
        labelBlocks.add(block);
        return block;
    }

    /** Prints the sheet as a document: landscape, one page wide, as many pages tall as it takes. */
    public WorkbookFile printAsDocument(String sheetName) {
        return printAsDocument(sheetName, true, null);
    }

    /**
     * Prints the sheet as a document on A4: one page wide, as many pages tall as it takes, {@code pageTitle} (or
     * nothing, when null) at the top of every page and the page number at the bottom.
     */
    public WorkbookFile printAsDocument(String sheetName, boolean landscape, String pageTitle) {
        var sheet = workbook.getSheet(sheetName);
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setLandscape(landscape);
        sheet.getPrintSetup().setPaperSize(PrintSetup.A4_PAPERSIZE);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);
        sheet.setHorizontallyCenter(true);
        if (pageTitle != null) {
            sheet.getHeader().setCenter(pageTitle.replace("&", "&&"));
        }
        sheet.getFooter().setCenter("&P / &N");
        return this;
    }

    /**
     * Finishes every sheet and writes the workbook to {@code target}: first to a temporary file in the same
     * folder, flushed to disk, then renamed over the target in one atomic step. Creates the folder when needed,
     * releases the temporary sheet files, and returns {@code target}. A workbook is saved once.
     */
    public Path save(Path target) {
        if (closed) {
            throw new IllegalStateException("this workbook was already saved or closed");
        }
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Path partial = null;
        FirstFailure file = null;
        try {
            labelBlocks.forEach(LabelValueWriter::finish);
            tables.forEach(TableWriter::finish);
            Files.createDirectories(folder);
            deleteLeftovers(folder, "." + absolute.getFileName() + ".");
            // created as every other output file is, with the permissions the umask gives (a temporary file's are
            // the owner's alone, which an analyst on a shared folder cannot open)
            partial = Files.createFile(folder.resolve("." + absolute.getFileName() + "." + UUID.randomUUID()
                    + ".partial"));
            try (OutputStream out = file = new FirstFailure(Files.newOutputStream(partial))) {
                workbook.write(out);
            }
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            CrashPoints.reach("workbook.written");
            Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            partial = null;
            CrashPoints.reach("workbook.published");
            return target;
        } catch (IOException | UncheckedIOException e) {
            // the file's own failure (a full disk) comes first; the zip stream then only says it was left unfinished
            throw StorageFailure.of("write workbook " + absolute,
                    file != null && file.failure != null ? file.failure : e, folder);
        } finally {
            deleteQuietly(partial);
            close();
        }
    }

    /** The workbook's file, keeping the first failure of a write to it. */
    private static final class FirstFailure extends FilterOutputStream {

        IOException failure;

        FirstFailure(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw keep(e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw keep(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw keep(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw keep(e);
            }
        }

        private IOException keep(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }

    /** Removes the partial files of earlier attempts at the same workbook that a killed process left behind. */
    private static void deleteLeftovers(Path folder, String prefix) throws IOException {
        try (var siblings = Files.newDirectoryStream(folder, p -> {
            String name = p.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(".partial");
        })) {
            for (Path leftover : siblings) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    /** Releases the temporary sheet files without saving; safe to call after {@link #save}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        workbook.dispose(); // deletes the temporary sheet files (close() does too since POI 5; say it plainly)
        try {
            workbook.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close workbook", e);
        }
    }

    int maxRowsPerSheet() {
        return maxRowsPerSheet;
    }

    CellWriter cells() {
        return cells;
    }

    SXSSFSheet newSheet(String sheetName) {
        if (closed) {
            throw new IllegalStateException("this workbook was already saved or closed");
        }
        return workbook.createSheet(sheetName);
    }

    /**
     * Prints every visible sheet as a document ({@link #printAsDocument(String, boolean, String)}), each page headed by
     * {@code pageTitle} and the sheet's name.
     */
    public WorkbookFile printEverySheet(boolean landscape, String pageTitle) {
        for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
            if (!workbook.isSheetHidden(i)) {
                String name = workbook.getSheetName(i);
                printAsDocument(name, landscape, pageTitle + " — " + name);
            }
        }
        return this;
    }

    /** A new hidden sheet: data kept for programs, out of readers' sight and out of print. */
    SXSSFSheet newHiddenSheet(String sheetName) {
        SXSSFSheet sheet = newSheet(sheetName);
        workbook.setSheetHidden(workbook.getSheetIndex(sheet), true);
        return sheet;
    }

    /** The non-streamed side of a sheet: where drawings and charts live. */
    XSSFSheet xssfSheet(String sheetName) {
        return workbook.getXSSFWorkbook().getSheet(sheetName);
    }

    void register(TableWriter table) {
        tables.add(table);
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the save has failed already; a stray .partial file is harmless and named as such
        }
    }
}
