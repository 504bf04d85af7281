package dev.retort.api;

/**
 * A failure the user can act on: its message is the one line the CLI prints. Anything else that escapes is
 * a bug and is reported as such.
 */
public class RetortException extends RuntimeException {
    public RetortException(String message) {
        super(message);
    }

    public RetortException(String message, Throwable cause) {
        super(message, cause);
    }
}
