package io.partnersettlement.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Problems told to the operator: the first {@value #SHOWN} printed, then how many more and the file listing them all. */
final class ProblemList {

    static final int SHOWN = 20;

    private ProblemList() {
    }

    static void print(List<String> problems, String prefix, Path fullList, Consumer<String> out) {
        problems.stream().limit(SHOWN).forEach(p -> out.accept(prefix + p));
        if (problems.size() <= SHOWN) {
            return;
        }
        String more = "… and " + (problems.size() - SHOWN) + " more";
        try {
            Files.createDirectories(fullList.getParent());
            Files.write(fullList, problems);
            out.accept(prefix + more + ": every problem is listed in " + fullList);
        } catch (IOException e) {
            out.accept(prefix + more + " (the list could not be written to " + fullList + ": " + e.getMessage() + ")");
        }
    }
}
