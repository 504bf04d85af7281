package dev.retort.metamodel;

import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.sequence.ANSISequenceSupport;
import org.hibernate.dialect.sequence.SequenceSupport;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;

/**
 * Hibernate's SQLite dialect, for reading the mapping only: it says SQLite has sequences, so that a sequence
 * generator is a sequence in the model, with its start and increment, as on every other database. Hibernate's
 * own SQLite dialect turns it into a one-row table {@code X_SEQ(next_val)} instead, which a migration written
 * on SQLite would then create as a table on PostgreSQL or MariaDB. Retort's DDL writes that one-row table for a
 * sequence on SQLite, and its inspector reads the table back as the sequence, so the application's Hibernate
 * finds exactly what it expects. Nothing else differs from {@link SQLiteDialect}: types, keys and checks come from it.
 */
public final class SqliteModelDialect extends SQLiteDialect {

    public SqliteModelDialect() {
    }

    public SqliteModelDialect(DialectResolutionInfo info) {
        super(info);
    }

    public SqliteModelDialect(DatabaseVersion version) {
        super(version);
    }

    @Override
    public SequenceSupport getSequenceSupport() {
        return ANSISequenceSupport.INSTANCE;
    }
}
