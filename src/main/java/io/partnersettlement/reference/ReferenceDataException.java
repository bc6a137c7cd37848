package io.partnersettlement.reference;

import java.util.List;

/** Reference data that cannot be used: every problem names its file, line and reason. Nothing was changed. */
public class ReferenceDataException extends RuntimeException {

    private final List<String> problems;

    public ReferenceDataException(List<String> problems) {
        super(problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problem(s))" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
