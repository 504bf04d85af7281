package dev.retort.ddl;

/**
 * A schema change that failed or would break data: a statement the database refused (the message names it),
 * a NOT NULL the rows do not satisfy, a foreign key check with violations.
 */
public class DdlException extends RuntimeException {
    public DdlException(String message) {
        super(message);
    }

    public DdlException(String message, Throwable cause) {
        super(message, cause);
    }
}
