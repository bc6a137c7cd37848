package io.partnersettlement.console;

import java.util.Map;

/**
 * An action the engine refused (HTTP 409): the reason, as the command line words it, and for a confirmation of several
 * statements the refusal of each. Nothing was changed; the refusal is in the audit log.
 */
public class Refused extends RuntimeException {

    private final Map<String, String> perStatement;

    public Refused(String message, Map<String, String> perStatement) {
        super(message);
        this.perStatement = Map.copyOf(perStatement);
    }

    public Map<String, String> perStatement() {
        return perStatement;
    }
}
