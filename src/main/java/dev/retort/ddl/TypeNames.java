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
 * Hibernate-mapped column gives exactly {@code column.getSqlType(metadata)}.
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

    public static String render(ColumnType type, DatabaseKind kind) {
        if (type.isVerbatim()) {
            return type.definition();
        }
        Dialect dialect = Dialects.dialect(kind);
        try {
            return Dialects.ddlTypes(kind).getTypeName(type.code(), size(type, dialect));
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
