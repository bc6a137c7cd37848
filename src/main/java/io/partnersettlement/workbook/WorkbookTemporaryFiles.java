package io.partnersettlement.workbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;


/**
 * Where a workbook's temporary files go — POI's sheet files and the deflated worksheets: one folder of the process's
 * own ({@code settlement-workbooks-<pid>-…}, {@link TemporaryFolders}), made with the first workbook, rather than
 * loose in the temporary folder. A process killed while writing a workbook leaves its files there, and the next process
 * to write one deletes the folder (a process that ends normally has deleted its files and leaves the folder empty).
 */
final class WorkbookTemporaryFiles {

    private static Path folder;

    private WorkbookTemporaryFiles() {
    }

    /** The process's folder, made (and POI pointed to it) the first time, or again when it is gone. */
    static synchronized Path folder() {
        if (folder == null || !Files.isDirectory(folder)) {
            folder = TemporaryFolders.create("workbooks", "files");
            folder.toFile().deleteOnExit();
            TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(folder.toFile()));
        }
        return folder;
    }

    /** A new temporary file in the process's folder. */
    static Path create(String prefix, String suffix) throws IOException {
        return Files.createTempFile(folder(), prefix, suffix);
    }
}
