package dev.retort.revision;

/**
 * A problem with the migrations themselves: a malformed or duplicate revision, a broken history, a target
 * that does not resolve, a plan that cannot be made, a migration that does not compile. The message is
 * one line meant for the user, naming the file or revision at fault.
 */
public class RevisionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RevisionException(String message) {
        super(message);
    }

    public RevisionException(String message, Throwable cause) {
        super(message, cause);
    }
}
