package dev.retort.ops;

/**
 * A migration: a class annotated with {@link Revision} whose {@code upgrade} moves the schema one revision
 * forward and whose {@code downgrade} moves it back exactly.
 */
public abstract class Migration {

    public abstract void upgrade(Operations op) throws Exception;

    public abstract void downgrade(Operations op) throws Exception;
}
