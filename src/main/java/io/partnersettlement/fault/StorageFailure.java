package io.partnersettlement.fault;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


/**
 * A write to the workspace that failed, told in one line: what was being written, the operating system's own reason
 * ({@code No space left on device}) rather than what a stream said after it (a zip's "unclosed entries"), and the file
 * system each place is on, with its free space.
 */
public final class StorageFailure {

    private StorageFailure() {
    }

    /** @param places the files or folders being written, whose file systems the message names */
    public static EngineException of(String action, Throwable failure, Path... places) {
        IOException root = rootIoFailure(failure);
        String reason = root == null ? String.valueOf(failure.getMessage()) : reason(root);
        List<String> stores = new ArrayList<>();
        for (Path place : places) {
            stores.add(place + " is on " + store(place));
        }
        return new EngineException("cannot " + action + ": " + reason + (stores.isEmpty() ? "" : " (" + String.join("; ",
                stores) + ")"), failure);
    }

    /** The innermost I/O failure of the chain, its suppressed failures included. */
    static IOException rootIoFailure(Throwable failure) {
        IOException found = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IOException io) {
                found = io;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                IOException inner = rootIoFailure(suppressed);
                if (inner != null && found == null) {
                    found = inner;
                }
            }
        }
        return found;
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs) {
            // some say only the file: their kind is the reason (DirectoryNotEmptyException, AccessDeniedException)
            return (fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName())
                    + (fs.getFile() != null ? " (" + fs.getFile() + ")" : "");
        }
        return String.valueOf(e.getMessage());
    }

    /** The file system holding {@code place} (its nearest existing folder): mount point, device, free bytes. */
    static String store(Path place) {
        Path existing = place.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return "an unknown file system";
        }
        try {
            FileStore store = Files.getFileStore(existing);
            return store + ", " + String.format("%,d", store.getUsableSpace()) + " bytes free";
        } catch (IOException e) {
            return "an unknown file system";
        }
    }
}
