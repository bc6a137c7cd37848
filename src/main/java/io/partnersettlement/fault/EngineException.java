package io.partnersettlement.fault;

/** A refusal or failure to report to the operator as one line, with the exit code of SPEC section 10. */
public class EngineException extends RuntimeException {

    private final int exitCode;

    public EngineException(String message) {
        this(message, 1);
    }

    public EngineException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** A failure with its cause kept for {@code --debug}; the message alone is what the operator reads. */
    public EngineException(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = 1;
    }

    public int exitCode() {
        return exitCode;
    }
}
