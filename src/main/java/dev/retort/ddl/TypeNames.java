package dev.retort.ddl;

import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;
import org.hibernate.Length;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.Size;
import org.hibernate.type.SqlTypes;

/**
 * The DDL name of a portable {@link ColumnType} on a database: a verbatim definition as written, otherwise the
 * name Hibernate's dialect writes for that type code and size, so that rendering the type of any
 * Hibernate-mapped column gives exactly {@code column.getSqlType(metadata)} - of metadata booted for the same
 * server version ({@link #useServerVersion}).
 */
public final class TypeNames {

    private TypeNames() {
    }

    /**
     * Starts building what rendering needs for {@code kind} (Hibernate's dialect and its DDL type registry, a few
     * hundred ms of class loading in a fresh JVM) on a background thread, so that it overlaps with the caller's
     * own start-up. Optional: {@link #render} builds it when needed.
     */
    public static void prepare(DatabaseKind kind) {
        Dialects.prepareInBackground(kind);
    }

    /**
     * Renders {@code kind}'s types for the server {@code version} from now on, in this whole process (a process
     * talks to one server per kind), as Hibernate does when it is connected to that server: on MariaDB 10.7+ a
     * {@code UUID} is {@code uuid}, not {@code binary(16)}. Null forgets the version: types are then Hibernate's
     * for the oldest version its dialect supports, as when it boots without a connection. Thread-safe; setting
     * the version in use again costs nothing. Ignored for SQLite ({@link ServerVersion#appliesTo}). The metamodel
     * must be read for the same version ({@code MetamodelReader.read(entities, kind, serverVersion(kind), ...)}),
     * or model and DDL disagree.
     */
    public static void useServerVersion(DatabaseKind kind, ServerVersion version) {
        Dialects.useServerVersion(kind, version);
    }

    /** The server version types of {@code kind} are rendered for, or null for none (always null for SQLite). */
    public static ServerVersion serverVersion(DatabaseKind kind) {
        return Dialects.serverVersion(kind);
    }

    public static String render(ColumnType type, DatabaseKind kind) {
        if (type.isVerbatim()) {
            return type.definition();
        }
        Dialects.DialectTypes dialect = Dialects.dialectAndTypes(kind);
        try {
            if (type.code() == SqlTypes.UUID && dialect.types().getDescriptor(SqlTypes.UUID) == null) {
                // a migration written where UUID is a native type, run where it is not (SQLite, MariaDB before
                // 10.7, an offline script without the server version): Hibernate's own mapping there is binary(16)
                return render(new ColumnType(SqlTypes.BINARY, 16L, null, null, null), kind);
            }
            return dialect.types().getTypeName(type.code(), size(type, dialect.dialect()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("no " + kind.displayName() + " type for " + type + ": " + e.getMessage(), e);
        }
    }

    /**
     * The size Hibernate would use: what the type says, with Hibernate's defaults for what it leaves out (a
     * type name pattern such as {@code numeric($p,$s)} needs every part it names).
     */
    private static Size size(ColumnType type, Dialect dialect) {
        Size size = new Size();
        int code = type.code();
        switch (code) {
            case SqlTypes.CHAR, SqlTypes.NCHAR, SqlTypes.VARCHAR, SqlTypes.NVARCHAR, SqlTypes.BINARY, SqlTypes.VARBINARY,
                 SqlTypes.BIT, SqlTypes.LONGVARCHAR, SqlTypes.LONGNVARCHAR, SqlTypes.LONGVARBINARY ->
                    size.setLength(Size.DEFAULT_LENGTH);
            case SqlTypes.CLOB, SqlTypes.NCLOB, SqlTypes.BLOB -> size.setLength((long) dialect.getDefaultLobLength());
            case SqlTypes.LONG32VARCHAR, SqlTypes.LONG32NVARCHAR, SqlTypes.LONG32VARBINARY -> size.setLength((long) Length.LONG32);
            case SqlTypes.FLOAT, SqlTypes.REAL -> size.setPrecision(dialect.getFloatPrecision());
            case SqlTypes.DOUBLE -> size.setPrecision(dialect.getDoublePrecision());
            case SqlTypes.TIME, SqlTypes.TIME_WITH_TIMEZONE, SqlTypes.TIME_UTC, SqlTypes.TIMESTAMP,
                 SqlTypes.TIMESTAMP_WITH_TIMEZONE, SqlTypes.TIMESTAMP_UTC ->
                    size.setPrecision(dialect.getDefaultTimestampPrecision());
            case SqlTypes.NUMERIC, SqlTypes.DECIMAL -> {
                size.setPrecision(dialect.getDefaultDecimalPrecision());
                size.setScale(type.precision() == null ? Size.DEFAULT_SCALE : 0);
            }
            default -> {
            }
        }
        if (type.length() != null) size.setLength(type.length());
        if (type.precision() != null) size.setPrecision(type.precision());
        if (type.scale() != null) size.setScale(type.scale());
        return size;
    }
}
