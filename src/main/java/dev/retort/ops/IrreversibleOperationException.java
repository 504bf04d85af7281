package dev.retort.ops;

/** Thrown when an op is asked for a reverse it cannot have. */
public class IrreversibleOperationException extends RuntimeException {
    public IrreversibleOperationException(String message) {
        super(message);
    }
}
