package dev.retort.metamodel;

import dev.retort.model.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.boot.Metadata;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.Size;
import org.hibernate.mapping.Column;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.sql.DdlType;
import org.hibernate.type.descriptor.sql.spi.DdlTypeRegistry;

/**
 * Turns a Hibernate column's type into a portable {@link ColumnType}: Hibernate's type code plus only the
 * size parameters the type takes, chosen so that the dialect's {@link DdlTypeRegistry} renders it back to
 * exactly the type Hibernate's own DDL would use. Whatever cannot make that round trip (a
 * {@code columnDefinition}, MariaDB's {@code enum(...)}) is kept verbatim.
 */
final class PortableType {

    private PortableType() {
    }

    static ColumnType of(Column column, Metadata metadata) {
        return of(column, column.getSqlType(metadata), metadata);
    }

    /** @param sqlType the column's type text, without any default or nullability clause of a columnDefinition */
    static ColumnType of(Column column, String sqlType, Metadata metadata) {
        Dialect dialect = metadata.getDatabase().getDialect();
        DdlTypeRegistry registry = metadata.getDatabase().getTypeConfiguration().getDdlTypeRegistry();
        Size size = column.getColumnSize(dialect, metadata);
        ColumnType varbinary = varbinaryTurnedLob(column, sqlType, metadata, registry, size);
        if (varbinary != null) {
            return varbinary;
        }
        if (isUuidStoredAsBinary(column, sqlType, metadata, registry)) {
            // SQLite, MariaDB before 10.7: Hibernate stores a UUID as binary(16). The model says UUID, so that a
            // migration written here creates PostgreSQL's (and MariaDB 10.7's) native uuid there, as Hibernate would;
            // the DDL renders UUID as binary(16) where there is no such type
            return ColumnType.of(SqlTypes.UUID);
        }
        // A columnDefinition cannot be told apart from a type Hibernate resolved itself (generator tables
        // and TABLE_PER_CLASS copies carry a preset type name too), so the round trip decides: a definition
        // that the code renders back to exactly is as good as portable; anything else stays verbatim.
        for (int code : codes(column, metadata)) {
            DdlType ddlType = registry.getDescriptor(code);
            if (ddlType == null) {
                continue;
            }
            for (ColumnType candidate : candidates(code, size)) {
                if (sqlType.equals(render(ddlType, candidate))) {
                    return candidate;
                }
            }
        }
        if (column.getSqlTypeCode(metadata) == SqlTypes.ENUM && size.getLength() != null
                && size.getLength() != Size.DEFAULT_LENGTH) {
            // MariaDB's enum(...) has no length, but the varchar other databases write for it does: keep the mapping's
            return new ColumnType(java.sql.Types.OTHER, size.getLength(), null, null, sqlType);
        }
        return ColumnType.sql(sqlType);
    }

    private static boolean isUuidStoredAsBinary(Column column, String sqlType, Metadata metadata, DdlTypeRegistry registry) {
        // cheapest first: most dialects have a uuid type, and most columns are not binary(16)
        if (registry.getDescriptor(SqlTypes.UUID) != null) {
            return false;
        }
        DdlType binary = registry.getDescriptor(SqlTypes.BINARY);
        return binary != null && sqlType.equals(render(binary, ColumnType.of(SqlTypes.BINARY, 16L, null, null)))
                && isUuid(column, metadata);
    }

    /**
     * A {@code byte[]} mapped as varbinary(n) that the dialect writes as its LOB type because it has no varbinary
     * (SQLite: any length but the default becomes blob): the model keeps varbinary(n), which renders as the same
     * blob here and as bytea/varbinary(n) where Hibernate writes those, so that a migration written here carries it.
     */
    private static ColumnType varbinaryTurnedLob(Column column, String sqlType, Metadata metadata, DdlTypeRegistry registry,
                                                 Size size) {
        int code = column.getSqlTypeCode(metadata);
        boolean lob = code == SqlTypes.BLOB || code == SqlTypes.LONGVARBINARY || code == SqlTypes.LONG32VARBINARY;
        if (!lob || size.getLength() == null || !isPlainByteArray(column)) {
            return null;
        }
        DdlType varbinary = registry.getDescriptor(SqlTypes.VARBINARY);
        ColumnType candidate = ColumnType.of(SqlTypes.VARBINARY, size.getLength(), null, null);
        return varbinary != null && sqlType.equals(render(varbinary, candidate)) ? candidate : null;
    }

    /** A byte[] (or Byte[]) attribute without {@code @Lob}: varbinary in Hibernate's mapping, whatever the dialect. */
    private static boolean isPlainByteArray(Column column) {
        try {
            if (!(column.getValue() instanceof org.hibernate.mapping.BasicValue basic) || basic.isLob()) {
                return false;
            }
            Class<?> type = basic.resolve().getDomainJavaType().getJavaTypeClass();
            return type == byte[].class || type == Byte[].class;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A column of Java type UUID (a key column says binary here), or a foreign key column to one (it says UUID). */
    private static boolean isUuid(Column column, Metadata metadata) {
        if (codes(column, metadata).contains(SqlTypes.UUID)) {
            return true;
        }
        try {
            return column.getValue() instanceof org.hibernate.mapping.BasicValue basic
                    && basic.resolve().getDomainJavaType().getJavaTypeClass() == java.util.UUID.class;
        } catch (RuntimeException e) {
            return false; // a value Hibernate cannot resolve on its own: not ours to reinterpret
        }
    }

    /**
     * Hibernate's type code for the column, then the code its DDL type is registered under, where that
     * differs: a foreign key column copies the referenced column's Java type, whose default code (UUID)
     * may have no DDL type of its own on the dialect (SQLite and MariaDB store UUIDs as binary).
     */
    private static List<Integer> codes(Column column, Metadata metadata) {
        int code = column.getSqlTypeCode(metadata);
        try {
            int ddlCode = column.getType().getJdbcType().getDdlTypeCode();
            return ddlCode == code ? List.of(code) : List.of(code, ddlCode);
        } catch (RuntimeException e) {
            // columns Hibernate adds itself (generator tables) have no mapped value to ask
            return List.of(code);
        }
    }

    /**
     * The parameter sets to try, best first. Lengths of character and binary types and the precision and
     * scale of decimals always count, because other dialects need them even where this one ignores them
     * ({@code char} on SQLite); a time precision, a float precision or a LOB length only when this
     * dialect's DDL type uses it.
     */
    private static List<ColumnType> candidates(int code, Size size) {
        Long length = size.getLength();
        Integer precision = size.getPrecision();
        Integer scale = size.getScale();
        List<ColumnType> list = new ArrayList<>();
        switch (category(code)) {
            case LENGTH -> list.add(ColumnType.of(code, length, null, null));
            case DECIMAL -> list.add(ColumnType.of(code, null, precision, scale));
            case PRECISION -> {
                list.add(ColumnType.of(code));
                list.add(ColumnType.of(code, null, precision, null));
            }
            case LOB -> {
                list.add(ColumnType.of(code));
                list.add(ColumnType.of(code, length, null, null));
            }
            case PLAIN -> list.add(ColumnType.of(code));
        }
        // last resorts: the preferred parameters plus more of them, never fewer (a varchar without its
        // length renders as text on PostgreSQL, which would pass a columnDefinition="text" off as portable)
        ColumnType preferred = list.get(list.size() - 1);
        for (int mask = 1; mask < 8; mask++) {
            ColumnType t = ColumnType.of(code, (mask & 1) != 0 ? length : preferred.length(),
                    (mask & 2) != 0 ? precision : preferred.precision(), (mask & 4) != 0 ? scale : preferred.scale());
            if (!list.contains(t)) {
                list.add(t);
            }
        }
        return list;
    }

    // the Java-type-free rendering is deprecated for named enums and arrays, which is exactly why those
    // fail the round trip and stay verbatim; it is the rendering every other room can reproduce
    @SuppressWarnings("deprecation")
    private static String render(DdlType ddlType, ColumnType type) {
        try {
            return ddlType.getTypeName(new Size(type.precision(), type.scale(), type.length()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private enum Category { LENGTH, DECIMAL, PRECISION, LOB, PLAIN }

    private static Category category(int code) {
        return switch (code) {
            case SqlTypes.CHAR, SqlTypes.VARCHAR, SqlTypes.LONGVARCHAR, SqlTypes.LONG32VARCHAR,
                 SqlTypes.NCHAR, SqlTypes.NVARCHAR, SqlTypes.LONGNVARCHAR, SqlTypes.LONG32NVARCHAR,
                 SqlTypes.BINARY, SqlTypes.VARBINARY, SqlTypes.LONGVARBINARY, SqlTypes.LONG32VARBINARY -> Category.LENGTH;
            case SqlTypes.NUMERIC, SqlTypes.DECIMAL -> Category.DECIMAL;
            case SqlTypes.TIME, SqlTypes.TIME_WITH_TIMEZONE, SqlTypes.TIME_UTC,
                 SqlTypes.TIMESTAMP, SqlTypes.TIMESTAMP_WITH_TIMEZONE, SqlTypes.TIMESTAMP_UTC,
                 SqlTypes.INTERVAL_SECOND, SqlTypes.FLOAT, SqlTypes.REAL, SqlTypes.DOUBLE -> Category.PRECISION;
            case SqlTypes.CLOB, SqlTypes.NCLOB, SqlTypes.BLOB,
                 SqlTypes.MATERIALIZED_CLOB, SqlTypes.MATERIALIZED_NCLOB, SqlTypes.MATERIALIZED_BLOB -> Category.LOB;
            default -> Category.PLAIN;
        };
    }
}
