package dev.retort.metamodel;

/** Entities could not be loaded or mapped; the message is one line meant for the user. */
public class EntityLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EntityLoadException(String message) {
        super(message);
    }

    public EntityLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
