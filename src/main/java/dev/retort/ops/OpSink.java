package dev.retort.ops;

import dev.retort.model.DatabaseKind;

import java.sql.Connection;

/**
 * Where the ops a migration issues go: executed against a database, printed as a SQL script, or collected.
 * The interpreters implement it; {@link Operations} feeds it.
 */
public interface OpSink {

    void accept(Op op);

    /** The database the migration runs on (also in offline mode, from the configured dialect). */
    DatabaseKind database();

    /**
     * The live connection for data migrations, after every op issued so far has run. Fails in offline
     * ({@code --sql}) mode, where there is no connection.
     */
    Connection connection();
}
