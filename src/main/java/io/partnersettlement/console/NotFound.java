package io.partnersettlement.console;

/** An id the ledger does not know (HTTP 404): the message names what was looked for. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
