package dev.retort.runtime;

/** Another process held the migration lock for longer than {@code lock-timeout}. */
public final class LockTimeoutException extends DatabaseException {
    public LockTimeoutException(String message) {
        super(message);
    }
}
