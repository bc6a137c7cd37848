package io.partnersettlement.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workbook's temporary files go into a folder of the process's own, and the folder a killed process left behind is
 * deleted by the next process that writes a workbook; nothing is left once a workbook is saved.
 */
class WorkbookTemporaryFilesTest {

    @TempDir
    Path dir;

    private static List<Path> filesIn(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    @Test
    void aWorkbooksFilesAreInTheProcesssFolderAndAKilledProcesssFolderIsDeleted() throws Exception {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        // what a process killed while writing a workbook leaves: its folder with a sheet's temporary file
        Path left = Files.createDirectories(temporary.resolve("settlement-workbooks-" + gone.pid() + "-files-1"));
        Files.writeString(left.resolve("poi-sxssf-sheet1.xml"), "<row/>");
        // the process's own folder made again, as the first workbook of a process makes it
        Path before = WorkbookTemporaryFiles.folder();
        Files.delete(before);

        try (WorkbookFile book = WorkbookFile.create()) {
            Path folder = WorkbookTemporaryFiles.folder();
            assertThat(left).as("the killed process's folder").doesNotExist();
            assertThat(folder.getParent()).isEqualTo(temporary);
            assertThat(folder.getFileName().toString())
                    .startsWith("settlement-workbooks-" + ProcessHandle.current().pid() + "-");
            TableWriter table = book.table("Details", List.of(Column.text("detail_id"), Column.amount("amount")));
            // more rows than the window POI keeps in memory: the rest go to its temporary sheet file
            for (int i = 0; i < 5_000; i++) {
                table.row("D" + i, BigDecimal.valueOf(i, 2));
            }
            assertThat(filesIn(folder)).as("the sheet's temporary file, in the process's folder")
                    .anySatisfy(f -> assertThat(f.getFileName().toString()).startsWith("poi-sxssf-sheet"));
            book.save(dir.resolve("book.xlsx"));
            assertThat(filesIn(folder)).as("deleted once the workbook is saved").isEmpty();
        }
        assertThat(dir.resolve("book.xlsx")).isNotEmptyFile();
    }
}
