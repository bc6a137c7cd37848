package io.partnersettlement.workbook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The engine's temporary folders, in {@code java.io.tmpdir}, named {@code settlement-<kind>-<pid>-…} after the process
 * that made them: a process killed in the middle of a computation or of a workbook leaves its folder behind, and the
 * next one to make a folder deletes it — never a folder of a process still running. (With the workbooks' toolkit, which
 * needs it first and depends on nothing of the engine; the detail computation's slices use it too.)
 */
public final class TemporaryFolders {

    /** The folders' names, the process id in the second group. */
    private static final Pattern FOLDER = Pattern.compile("settlement-(slices|workbooks)-(\\d+)-.*");

    private TemporaryFolders() {
    }

    /**
     * A new folder {@code settlement-<kind>-<pid>-<name>-…} in the temporary folder, the ones that processes no longer
     * running left behind deleted first.
     *
     * @param kind {@code slices} or {@code workbooks}
     */
    public static Path create(String kind, String name) {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        deleteLeftBehind(temporary);
        String prefix = "settlement-" + kind + "-" + ProcessHandle.current().pid() + "-" + name + "-";
        if (!FOLDER.matcher(prefix).matches()) {
            throw new IllegalArgumentException("not a kind of temporary folder: " + kind);
        }
        try {
            return Files.createTempDirectory(temporary, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder in " + temporary, e);
        }
    }

    /** Deletes the folders of processes that are gone; a folder of a running process is left alone. */
    public static void deleteLeftBehind(Path temporary) {
        List<Path> folders;
        try (Stream<Path> listed = Files.list(temporary)) {
            folders = listed.toList();
        } catch (IOException e) {
            return;
        }
        for (Path each : folders) {
            Matcher m = FOLDER.matcher(each.getFileName().toString());
            try {
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()) {
                    org.apache.commons.io.file.PathUtils.deleteDirectory(each);
                }
            } catch (IOException | NumberFormatException e) {
                // another process may be deleting the same folder: what is left is deleted next time
            }
        }
    }
}
