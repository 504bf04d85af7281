package dev.retort.runtime;

/** A database could not be reached or a migration could not be applied; the message is one line for the user. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message) {
        super(message);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
